import { createJobRunner, itemLockKey } from "../../../src/platform/jobs/job-runner";
import type { JobContext, JobDefinition } from "../../../src/platform/jobs/job";
import { createMemoryStore } from "../../../src/platform/kv/memory-store";
import { createLogger } from "../../../src/platform/logger";

/** A job whose runs wait until the test lets them finish, counting how many started. */
function heldJob(lock: JobDefinition<number>["lock"] = { kind: "rows" }) {
  const state = { started: 0, release: () => {}, contexts: [] as JobContext[] };
  const job: JobDefinition<number> = {
    id: "test-job",
    schedule: "off",
    lock,
    run: (context) => {
      state.started += 1;
      state.contexts.push(context);
      return new Promise<number>((resolve) => (state.release = () => resolve(state.started)));
    },
    summarize: (started) => ({ started }),
  };
  return { job, state };
}

const deps = () => ({ store: createMemoryStore(), logger: createLogger("silent") });
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("the job runner", () => {
  test("runs asked for while one is running join it; a kick during a run asks for exactly one more", async () => {
    const { job, state } = heldJob();
    const runner = createJobRunner(job, deps());
    const first = runner.runNow();
    const joined = runner.runNow();
    runner.kick();
    runner.kick();
    expect(state.started).toBe(1);
    state.release();
    expect(await first).toBe(1);
    expect(await joined).toBe(1);
    await until(() => state.started === 2);
    expect(state.started).toBe(2);
    state.release();
    await runner.stop();
    expect(state.started).toBe(2);
  });

  test("once stopped, a kick runs nothing", async () => {
    const { job, state } = heldJob();
    const runner = createJobRunner(job, deps());
    await runner.stop();
    runner.kick();
    expect(state.started).toBe(0);
  });

  test("a per-item job gets each item's lock once across runners sharing a store; the lock comes back when released, and a renewal says when it was lost", async () => {
    const shared = deps();
    const a = heldJob({ kind: "per-item", ttlMs: 60_000 });
    const b = heldJob({ kind: "per-item", ttlMs: 60_000 });
    const runA = createJobRunner(a.job, shared).runNow();
    const runB = createJobRunner(b.job, shared).runNow();
    const [contextA, contextB] = [a.state.contexts[0], b.state.contexts[0]];
    const lease = await contextA?.lockItem("firm-1");
    expect(lease).toEqual(expect.objectContaining({ key: itemLockKey("test-job", "firm-1") }));
    expect(await contextB?.lockItem("firm-1")).toBeNull();
    expect(await contextB?.lockItem("firm-2")).not.toBeNull();
    expect(await lease?.renew()).toBe(true);
    await lease?.release();
    expect(await lease?.renew()).toBe(false);
    expect(await contextB?.lockItem("firm-1")).not.toBeNull();
    a.state.release();
    b.state.release();
    await Promise.all([runA, runB]);
  });

  test("a job that claims its own rows has no item locks to take", async () => {
    const { job, state } = heldJob({ kind: "rows" });
    const run = createJobRunner(job, deps()).runNow();
    await expect(state.contexts[0]?.lockItem("x")).rejects.toThrow(/does not lock per item/);
    state.release();
    await run;
  });
});
