// The training-recipe assistant: one button walks the playground's data set and network
// through the practical recipe (Ng's and Karpathy's) in trial workers of its own, and reports
// each step with its figures and chart; Apply loads the best trial into the playground.
// The walk's state lives in RecipeModel (recipe-model.js), the card in RecipeView
// (recipe-view.js). mountRecipe(element, lab) returns what tests and the console read
// (window.descent.recipe).
//   lab.spec(): the playground's spec; lab.apply(spec, note): load a spec into it;
//   lab.workerUrl: the training worker bundle (only workers load the engine).
import { RecipeModel } from './recipe-model.js';
import { RecipeView } from './recipe-view.js';

export function mountRecipe(element, lab) {
  const model = new RecipeModel({ workerUrl: lab.workerUrl });
  const view = new RecipeView(element, model, lab);
  return {
    run: () => view.run(),
    cancel: () => model.cancel(),
    running: () => model.running,
    // Per step: { id, status, headline, data } (null for a step not reached).
    results: () => model.results(),
    // The best refined trial: { learningRate, l2, spec, score } or null.
    best: () => model.bestResult(),
  };
}
