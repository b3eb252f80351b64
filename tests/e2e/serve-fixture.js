// Playwright's test with a `serve(options)` fixture: starts web/serve.mjs's server on a free
// port (options as startServer's: base, csp, isolate, root) and closes every one after the test.
import { test as base } from '@playwright/test';

import { startServer } from '../../web/serve.mjs';

export const test = base.extend({
  serve: async ({}, use) => {  // {}: Playwright reads a fixture's needs from this pattern; none
    const servers = [];
    await use(async (options = {}) => {
      const server = await startServer({ port: 0, ...options });
      servers.push(server);
      return server;
    });
    await Promise.all(servers.map((s) => s.close()));
  },
});
