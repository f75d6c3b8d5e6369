/**
 * A vitest reporter that writes the run's counts as JSON to the file named by
 * TEIXIT_TEST_COUNTS_FILE (and does nothing when it is unset), for scripts/test.js
 * to add up. It sits beside vitest's default reporter, which still prints the details.
 *
 * Counting rules: every test case counts as passed, failed or skipped; a test file that
 * failed without any failed test in it (it did not load, a beforeAll/afterAll hook threw)
 * counts as 1 failed; each unhandled error counts as 1 failed; an interrupted run counts as
 * 1 failed; a test still pending at the end counts as failed.
 */
import { writeFileSync } from 'node:fs';
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

/** The JSON written to TEIXIT_TEST_COUNTS_FILE. */
export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  /** Human-readable reasons for failures that are not ordinary failed tests. */
  notes: string[];
}

/** Counts one finished run of vitest; see the file comment for the rules. */
export function countRun(
  modules: ReadonlyArray<TestModule>,
  unhandled: ReadonlyArray<SerializedError>,
  reason: TestRunEndReason,
): TestCounts {
  const counts: TestCounts = { passed: 0, failed: 0, skipped: 0, notes: [] };
  for (const mod of modules) {
    let failedHere = 0;
    for (const test of mod.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') counts.passed++;
      else if (state === 'skipped') counts.skipped++;
      else failedHere++; // 'failed', or 'pending' left over from a run that never finished
    }
    // Load errors sit on the module; a failed beforeAll/afterAll on the suite that holds it.
    const errors = [mod, ...mod.children.allSuites()].flatMap((s) => s.errors());
    if ((mod.state() === 'failed' || errors.length > 0) && failedHere === 0) {
      failedHere = 1;
      const message = errors[0]?.message.split('\n')[0] ?? 'file failed outside any test';
      counts.notes.push(`${mod.relativeModuleId}: ${message}`);
    }
    counts.failed += failedHere;
  }
  if (unhandled.length > 0) {
    counts.failed += unhandled.length;
    counts.notes.push(`${unhandled.length} unhandled error(s)`);
  }
  if (reason === 'interrupted') {
    counts.failed++;
    counts.notes.push('the run was interrupted');
  }
  return counts;
}

/** The reporter: writes {passed, failed, skipped, notes} when the run ends. */
export default class CountReporter implements Reporter {
  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandled: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    const file = process.env.TEIXIT_TEST_COUNTS_FILE;
    if (!file) return;
    writeFileSync(file, JSON.stringify(countRun(modules, unhandled, reason)));
  }
}
