/**
 * exec.ts on SIGINT, with a stand-in for `docker build` whose "daemon" names the image a moment
 * after it starts whether or not its client is still there (BuildKit cannot cancel an export).
 * A child that stops gracefully gets SIGINT and is waited for, so the clean-up runs after the
 * name exists and removes it; one killed at once leaves the name behind.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, tempTree } from "./helpers";

const EXEC = path.join(REPO_ROOT, "packages/nx-plugin/dist/lib/exec.js");

/** The client: starts its daemon, and on SIGINT waits for the daemon's name before it exits. */
const CLIENT = `
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const [dir] = process.argv.slice(1);
spawn(process.execPath, ["-e", "setTimeout(() => require('fs').writeFileSync(process.argv[1] + '/image', 'named'), 1500)", dir], { detached: true, stdio: "ignore" }).unref();
fs.writeFileSync(dir + "/started", "");
process.on("SIGINT", () => {
  const wait = () => (fs.existsSync(dir + "/image") ? process.exit(1) : setTimeout(wait, 50));
  wait();
});
setInterval(() => {}, 1000);
`;

/** The executor's side: runs the client, and removes the image on an interrupt, saying what it found. */
const RUNNER = `
const { run, onInterrupt } = require(${JSON.stringify(EXEC)});
const fs = require("node:fs");
const [dir, client, graceful] = process.argv.slice(1);
onInterrupt(() => {
  fs.writeFileSync(dir + "/cleanup", fs.existsSync(dir + "/image") ? "removed" : "nothing yet");
  fs.rmSync(dir + "/image", { force: true });
});
run(process.execPath, ["-e", client, dir], { gracefulStopMs: graceful === "yes" ? 10000 : undefined });
`;

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));

async function interruptBuild(graceful: boolean): Promise<{ code: number | null; cleanup: string; leftBehind: boolean }> {
  const t = tempTree({});
  cleanups.push(t.cleanup);
  const child = spawn(process.execPath, ["-e", RUNNER, t.dir, CLIENT, graceful ? "yes" : "no"], { stdio: "ignore" });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  while (!existsSync(path.join(t.dir, "started"))) await new Promise((r) => setTimeout(r, 20));
  child.kill("SIGINT");
  const code = await exited;
  // Past the moment the daemon names the image, whatever the client did.
  await new Promise((r) => setTimeout(r, 2000));
  return { code, cleanup: readFileSync(path.join(t.dir, "cleanup"), "utf8"), leftBehind: existsSync(path.join(t.dir, "image")) };
}

describe("an interrupt while a build runs", () => {
  it("waits for a gracefully stopped build to end, then cleans up: nothing is left", async () => {
    expect(await interruptBuild(true)).toEqual({ code: 130, cleanup: "removed", leftBehind: false });
  }, 20_000);

  it("without a graceful stop the clean-up runs first, and the daemon's late name is left (what the wait prevents)", async () => {
    expect(await interruptBuild(false)).toEqual({ code: 130, cleanup: "nothing yet", leftBehind: true });
  }, 20_000);
});
