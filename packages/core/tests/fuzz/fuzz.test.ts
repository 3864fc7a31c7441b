/**
 * Property-based checks of the engine. `npm test` runs a bounded number of inputs (a few seconds);
 * `npm run fuzz` runs FUZZ_RUNS inputs (100,000 by default), split over the three input sources.
 * A failure prints fast-check's seed and path: rerun with FUZZ_SEED=<seed> FUZZ_PATH=<path>.
 */
import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import { applyMutation, corpusMutation, CORPUS, goModText, grammarDockerfile, loadCorpus, randomText } from "./inputs.js";
import { checkProperties, knownBugHits } from "./properties.js";

const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const long = TOTAL_RUNS > 1000;
// Every run prints its seed before it starts: a clean run can be repeated as well as a failing
// one, and so can a run that never ends (an input that hangs the engine, which no timeout stops).
const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
console.log(`fuzz: ${TOTAL_RUNS} inputs, FUZZ_SEED=${seed}`);
const replayPath = process.env.FUZZ_PATH;
const params = (share: number): fc.Parameters<unknown> => ({
  numRuns: Math.max(1, Math.round(TOTAL_RUNS * share)),
  seed,
  ...(replayPath ? { path: replayPath } : {}),
  endOnFailure: true,
});
const timeout = long ? 0 : 30_000;

const corpus = loadCorpus();
const goMod = fc.oneof({ weight: 3, arbitrary: fc.constant(false as const) }, { weight: 1, arbitrary: goModText(corpus.goMods) });

afterAll(() => {
  if (long) console.log(`fuzz: inputs that hit a known bug (see found.test.ts): ${JSON.stringify(Object.fromEntries(knownBugHits))}`);
});

describe("engine properties", () => {
  it.skipIf(corpus.dockerfiles.length === 0)(`on mutated corpus Dockerfiles (${CORPUS})`, { timeout }, () => {
    fc.assert(
      fc.property(corpusMutation(corpus.dockerfiles.length), goMod, ({ file, mutations }, mod) => {
        checkProperties(mutations.reduce(applyMutation, corpus.dockerfiles[file]!), mod);
      }),
      params(0.5),
    );
  });
  if (corpus.dockerfiles.length === 0) it.skip(`corpus mutations: no corpus at ${CORPUS} (set DOCKER_LINT_CORPUS)`, () => {});

  it("on Dockerfiles from a small grammar", { timeout }, () => {
    fc.assert(fc.property(grammarDockerfile, goMod, (text, mod) => checkProperties(text, mod)), params(corpus.dockerfiles.length > 0 ? 0.3 : 0.6));
  });

  it("on random text", { timeout }, () => {
    fc.assert(fc.property(randomText, (text) => checkProperties(text)), params(corpus.dockerfiles.length > 0 ? 0.2 : 0.4));
  });
});
