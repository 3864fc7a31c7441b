/**
 * The CLI's formatters and atomic fix writer, from the core's public exports, so the Nx output
 * and fixes are exactly the CLI's.
 */
import { loadCore, type Core } from "./core";

export type Formatter = Core.Formatter;
export type FixWriter = (file: string, text: string, original: string) => boolean;

export async function loadFormatter(name: string): Promise<Formatter> {
  const core = await loadCore();
  if (!core.isFormatName(name)) throw new Error(`unknown format "${name}" (expected ${core.FORMAT_NAMES.join(", ")})`);
  return core.loadFormatter(name);
}

export async function loadFixWriter(): Promise<FixWriter> {
  return (await loadCore()).writeFixedFile;
}
