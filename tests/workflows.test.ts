import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, parseDocument } from "yaml";

// The GitHub Actions workflows cannot run here; these tests hold them to the
// contract that keeps them safe and in step with package.json.

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Readonly<Record<string, unknown>>;
}
type Permissions = string | Readonly<Record<string, string>>;
interface Job {
  readonly permissions?: Permissions;
  readonly steps?: readonly Step[];
}
interface Workflow {
  readonly name?: string;
  readonly on?: unknown;
  readonly permissions?: Permissions;
  readonly jobs?: Readonly<Record<string, Job>>;
}

const DIR = new URL("../.github/workflows/", import.meta.url);
const FILES = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const text = (file: string): string => readFileSync(new URL(file, DIR), "utf8");
const workflow = (file: string): Workflow => parse(text(file)) as Workflow;
const steps = (w: Workflow): Step[] => Object.values(w.jobs ?? {}).flatMap((job) => [...(job.steps ?? [])]);
const uses = (step: Step, action: string): boolean => step.uses?.startsWith(`${action}@`) ?? false;
/** The events a workflow's `on:` names, in any of its three spellings. */
const events = (w: Workflow): string[] => (typeof w.on === "string" ? [w.on] : Array.isArray(w.on) ? w.on.map(String) : Object.keys(w.on ?? {}));
/** The workflow's and every job's permissions, as [scope, level] pairs; "read-all" and the like as ["*", level]. */
const permissions = (w: Workflow): [string, string][] =>
  [w.permissions, ...Object.values(w.jobs ?? {}).map((j) => j.permissions)].flatMap((p): [string, string][] =>
    p === undefined ? [] : typeof p === "string" ? [["*", p.replace(/-all$/, "")]] : Object.entries(p),
  );

const SCRIPTS = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> }).scripts;

describe(".github/workflows", () => {
  it("holds pages.yml, pr.yml and pr-comment.yml", () => {
    expect(FILES).toEqual(expect.arrayContaining(["pages.yml", "pr-comment.yml", "pr.yml"]));
  });

  it.each(FILES)("%s parses as YAML with a name, a trigger and jobs with steps", (file) => {
    const doc = parseDocument(text(file));
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
    const w = doc.toJS() as Workflow;
    expect(w.name).toEqual(expect.any(String));
    expect(events(w).length).toBeGreaterThan(0);
    expect(Object.keys(w.jobs ?? {}).length).toBeGreaterThan(0);
    for (const job of Object.values(w.jobs ?? {})) expect(job.steps?.length).toBeGreaterThan(0);
  });

  it("npm run <script> in a run step names a script of package.json", () => {
    const called = FILES.flatMap((file) =>
      steps(workflow(file)).flatMap((step) =>
        [...(step.run ?? "").matchAll(/\bnpm\s+run(?:\s+--?[a-z][a-z-]*)*\s+([^\s;&|()'"]+)/g)].map((m) => `${file}: ${m[1]}`),
      ),
    );
    expect(called).toEqual(expect.arrayContaining(["pages.yml: build", "pr.yml: romi", "pr.yml: build"]));
    for (const call of called) expect(Object.keys(SCRIPTS), call).toContain(call.split(": ")[1]);
  });

  it("run steps take values from env, never from ${{ }} expressions (no script injection)", () => {
    for (const file of FILES) for (const step of steps(workflow(file))) expect(step.run ?? "", `${file}: ${step.name}`).not.toContain("${{");
  });
});

describe("pr.yml", () => {
  const pr = workflow("pr.yml");

  it("is triggered by pull_request, never by pull_request_target or workflow_run", () => {
    expect(events(pr)).toContain("pull_request");
    expect(events(pr)).not.toContain("pull_request_target");
    expect(events(pr)).not.toContain("workflow_run");
  });

  it("reads no secrets and asks for read permissions only", () => {
    expect(text("pr.yml")).not.toMatch(/secrets\./);
    const granted = permissions(pr);
    expect(granted).toContainEqual(["contents", "read"]);
    for (const [scope, level] of granted) expect(["read", "none"], scope).toContain(level);
  });

  it("checks out the base commit into base/ without persisting the token", () => {
    const checkouts = steps(pr).filter((s) => uses(s, "actions/checkout"));
    expect(checkouts.map((s) => s.with?.["path"])).toContain("base");
    expect(checkouts.find((s) => s.with?.["path"] === "base")?.with?.["ref"]).toBe("${{ github.event.pull_request.base.sha }}");
    for (const s of checkouts) expect(s.with?.["persist-credentials"]).toBe(false);
  });

  it("uploads the romi-comment and site-preview artifacts", () => {
    const names = steps(pr)
      .filter((s) => uses(s, "actions/upload-artifact"))
      .map((s) => s.with?.["name"]);
    expect(names).toEqual(expect.arrayContaining(["romi-comment", "site-preview"]));
  });
});

describe("pr-comment.yml", () => {
  const comment = workflow("pr-comment.yml");

  it("is triggered by workflow_run of pr.yml's workflow, completed", () => {
    expect(events(comment)).toEqual(["workflow_run"]);
    const trigger = (comment.on as { workflow_run: { workflows: string[]; types: string[] } }).workflow_run;
    expect(trigger.workflows).toEqual([workflow("pr.yml").name]);
    expect(trigger.types).toEqual(["completed"]);
  });

  it("never checks out or runs the pull request's code", () => {
    const all = steps(comment);
    expect(all.filter((s) => uses(s, "actions/checkout"))).toEqual([]);
    for (const s of all) expect(s.run ?? "").not.toMatch(/\b(npm|npx|node)\b/);
  });

  it("downloads romi-comment from the triggering run and may write to pull requests only", () => {
    const download = steps(comment).find((s) => uses(s, "actions/download-artifact"));
    expect(download?.with?.["name"]).toBe("romi-comment");
    expect(download?.with?.["run-id"]).toBe("${{ github.event.workflow_run.id }}");
    expect(download?.with?.["github-token"]).toEqual(expect.any(String));
    expect(Object.fromEntries(permissions(comment))).toEqual({ "pull-requests": "write", actions: "read" });
  });

  it("looks for the marker that romi diff puts in its comment", () => {
    const script = steps(comment).find((s) => uses(s, "actions/github-script"))?.with?.["script"];
    expect(script).toContain("<!-- romi-metrics-diff -->");
    expect(text("pr.yml")).toContain("<!-- romi-metrics-diff -->");
  });
});

describe("pages.yml", () => {
  const pages = workflow("pages.yml");

  it("runs on a push to main and deploys with deploy-pages, with id-token: write", () => {
    expect(events(pages)).toContain("push");
    expect((pages.on as { push: { branches: string[] } }).push.branches).toEqual(["main"]);
    expect(steps(pages).some((s) => uses(s, "actions/deploy-pages"))).toBe(true);
    expect(steps(pages).some((s) => uses(s, "actions/upload-pages-artifact") && s.with?.["path"] === "dist/")).toBe(true);
    expect(permissions(pages)).toEqual(
      expect.arrayContaining([
        ["id-token", "write"],
        ["pages", "write"],
      ]),
    );
  });
});
