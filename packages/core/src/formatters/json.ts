import type { Formatter } from "./index.js";

/** Exactly ESLint's json formatter. */
const json: Formatter = (results) => JSON.stringify(results);
export default json;
