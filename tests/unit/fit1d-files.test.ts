/**
 * The committed files of `npm run train -- fit1d`: manifest entry, run.json,
 * weights, and the build-time reader that checks them (a tampered file must
 * fail the build).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFit1dBuildData } from '../../src/components/figures/fit1d/build-data';
import { meanSquaredError } from '../../src/lib/fit1d/mlp';
import { trainingSet } from '../../src/lib/fit1d/target';
import { FIT1D_SPEC, MSE_THRESHOLD, PRETRAIN_STEPS, RANDOM_DRAWS, SNAPSHOT_STEPS, drawSeed, parseFit1dRun } from '../../src/lib/models/fit1d';
import { countNeurons } from '../../src/lib/models/summary';

const data = loadFit1dBuildData(process.cwd());

describe('committed fit1d files', () => {
  it('manifest entry: 593 parameters, 49 neurons, every file hashed', () => {
    const { entry } = data;
    expect(entry.params).toBe(593);
    expect(entry.neurons).toBe(49);
    expect(countNeurons(entry.architecture)).toBe(49);
    expect(entry.architecture.map((l) => l.type)).toEqual(['Dense', 'Dense', 'Dense', 'Dense']);
    for (const f of ['model.json', 'weights.bin', 'run.json', ...data.run.draws.map((d) => d.file), ...data.run.snapshots.map((s) => s.file)]) {
      expect(entry.files[f], f).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(entry.metric.value).toBeLessThan(MSE_THRESHOLD);
    // Every snapshot's error is listed in the manifest too.
    for (const s of data.run.snapshots) expect(entry.extraMetrics?.some((m) => m.name.includes(`after ${s.step} steps`) && m.value === s.mse)).toBe(true);
  });

  it('eight seeded random draws; draw 0 is the run’s step 0', () => {
    expect(data.draws).toHaveLength(RANDOM_DRAWS);
    expect(data.draws.map((d) => d.seed)).toEqual(Array.from({ length: RANDOM_DRAWS }, (_, k) => drawSeed(k)));
    expect(data.snapshots[0]!.step).toBe(0);
    expect(data.snapshots[0]!.file).toBe(data.draws[0]!.file);
    // Different draws compute different functions.
    const firsts = new Set(data.draws.map((d) => d.ys[100]!.toFixed(6)));
    expect(firsts.size).toBe(RANDOM_DRAWS);
  });

  it('snapshots at the chosen steps, with the errors the weights really have, ending below the goal', () => {
    expect(data.snapshots.map((s) => s.step)).toEqual([...SNAPSHOT_STEPS]);
    const { xs, ys } = trainingSet();
    for (const s of data.snapshots) expect(meanSquaredError(FIT1D_SPEC, s.params, xs, ys)).toBeCloseTo(s.mse, 4);
    const first = data.snapshots[0]!.mse;
    const last = data.snapshots[data.snapshots.length - 1]!;
    expect(last.step).toBe(PRETRAIN_STEPS);
    expect(first).toBeGreaterThan(0.5);
    expect(last.mse).toBeLessThan(MSE_THRESHOLD);
    expect(data.run.stepsToThreshold).not.toBeNull();
    expect(data.run.lossCurve[0]![0]).toBe(0);
  });

  it('the build fails on a file whose hash differs from the manifest', () => {
    const root = mkdtempSync(join(tmpdir(), 'fit1d-'));
    mkdirSync(join(root, 'public/models'), { recursive: true });
    cpSync('public/models/fit1d', join(root, 'public/models/fit1d'), { recursive: true });
    writeFileSync(join(root, 'public/models/manifest.json'), readFileSync('public/models/manifest.json'));
    const bin = readFileSync(join(root, 'public/models/fit1d/random-3.bin'));
    bin[10] = bin[10]! ^ 0xff;
    writeFileSync(join(root, 'public/models/fit1d/random-3.bin'), bin);
    expect(() => loadFit1dBuildData(root)).toThrow(/random-3\.bin has sha256/);
  });

  it('parseFit1dRun rejects malformed summaries', () => {
    expect(() => parseFit1dRun('{"draws": 3}')).toThrow(/draws/);
    expect(() => parseFit1dRun(JSON.stringify({ ...data.run, threshold: 'x' }))).toThrow(/threshold/);
  });
});
