/**
 * The git commit a report is built from: an explicit value, else CI's
 * GITHUB_SHA, else `git rev-parse HEAD` in the working folder; none when
 * none of these is there (a tarball, a temporary folder).
 */
import { spawnSync } from "node:child_process";

export function gitCommit(explicit?: string): string | undefined {
  if (explicit) return explicit;
  const sha = process.env["GITHUB_SHA"];
  if (sha && /^[0-9a-f]{7,40}$/i.test(sha)) return sha;
  const r = spawnSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const out = r.status === 0 ? r.stdout.trim() : "";
  return /^[0-9a-f]{40}$/.test(out) ? out : undefined;
}
