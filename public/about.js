// about.html: the version and commit this site was built from (build-info.json, written by
// web/build.mjs beside the page).
const line = document.getElementById('build-info');
fetch(new URL('build-info.json', document.baseURI))
  .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
  .then(({ version, commit, dirty }) => {
    line.textContent = `Version ${version}${commit ? `, commit ${commit.slice(0, 12)}${dirty ? ' with local changes' : ''}` : ''}.`;
  })
  .catch(() => { line.textContent = 'Version: unknown (build-info.json is missing).'; });
