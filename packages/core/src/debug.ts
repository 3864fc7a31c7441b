/** `DEBUG=docker-lint` (or `*`, among others, comma- or space-separated): say more on stderr. */
export function debugEnabled(): boolean {
  return (process.env.DEBUG ?? "").split(/[\s,]+/).some((d) => d === "docker-lint" || d === "*");
}
