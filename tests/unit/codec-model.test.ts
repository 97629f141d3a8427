/**
 * The learned codec: its definition has the stated shapes, the committed
 * float16 weights match the manifest, and the test-split PSNR the trainer
 * wrote to the manifest is re-measured here (MNIST test images 0–199, every
 * rate) within ±0.1 dB. The re-measurement needs the MNIST files
 * (`../shared/data/mnist` beside the repo, or MNIST_DIR) and is skipped without them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { buildCodecDecoder, buildCodecEncoder, buildCodecTrainer, CODEC_DECODER, CODEC_ENCODER, CODEC_RATES, codeBytes } from '../../src/lib/models/codec';
import { evaluateCodec, roundTrip } from '../../src/lib/codec/evaluate';
import { parseManifest } from '../../src/lib/models/manifest';
import { fileLoadHandler } from '../../scripts/train/lib/model-io';
import { loadMnist, MNIST_DIR } from '../../scripts/train/lib/mnist';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const manifestPath = 'public/models/manifest.json';
const manifest = existsSync(manifestPath) ? parseManifest(readFileSync(manifestPath, 'utf8')) : null;
const committed = Boolean(manifest?.models[CODEC_ENCODER] && manifest?.models[CODEC_DECODER]);
const mnistPresent = existsSync(resolve(MNIST_DIR, 't10k-images-idx3-ubyte.gz'));

describe('codec definition', () => {
  it('encodes [n, 28, 28, 1] to [n, 32] in [−1, 1] and decodes back to [n, 28, 28, 1] in [0, 1]', async () => {
    await tf.setBackend('cpu');
    const enc = buildCodecEncoder(tfl, 1);
    const dec = buildCodecDecoder(tfl, 1);
    const train = buildCodecTrainer(tfl, enc, dec);
    expect(enc.outputs[0]!.shape).toEqual([null, 32]);
    expect(dec.outputs[0]!.shape).toEqual([null, 28, 28, 1]);
    expect(train.inputs.map((i) => i.shape)).toEqual([[null, 28, 28, 1], [null, 32]]);
    const z = tf.tidy(() => (enc.predict(tf.randomUniform([3, 28, 28, 1])) as tf.Tensor).dataSync());
    expect(Math.max(...Array.from(z, Math.abs))).toBeLessThanOrEqual(1);
    // Untrained, the round trip already produces codes of exactly codeBytes(k) bytes.
    const rt = { tf, encoder: enc, decoder: dec };
    const results = roundTrip(rt, new Uint8Array(2 * 784).fill(7));
    results.forEach((rs, r) => rs.forEach((res) => {
      expect(res.code.length).toBe(codeBytes(CODEC_RATES[r]!));
      expect(res.decoded.length).toBe(784);
    }));
    train.dispose();
  });
});

describe.runIf(committed)('committed codec weights', () => {
  it('match the manifest: hashes, sizes, float16, ≤ 150 KB together', () => {
    let weightBytes = 0;
    for (const name of [CODEC_ENCODER, CODEC_DECODER]) {
      const entry = manifest!.models[name]!;
      expect(entry.quantization).toBe('float16');
      for (const [file, hash] of Object.entries(entry.files)) {
        const bytes = readFileSync(join('public/models', name, file));
        expect(sha256(bytes), `${name}/${file}`).toBe(hash);
        expect(bytes.length).toBe(entry.sizes[file]);
        if (file !== 'model.json') weightBytes += bytes.length;
      }
      expect(entry.params * 2).toBe(entry.sizes['weights.bin']);
    }
    expect(weightBytes).toBeLessThanOrEqual(150 * 1024);
  });

  it.runIf(mnistPresent)('re-measure the manifest PSNR on MNIST test images 0–199 within ±0.1 dB at every rate', async () => {
    await tf.setBackend('cpu');
    const encoder = await tfl.loadLayersModel(fileLoadHandler(join('public/models', CODEC_ENCODER)));
    const decoder = await tfl.loadLayersModel(fileLoadHandler(join('public/models', CODEC_DECODER)));
    const test = loadMnist('test', 0, 200);
    const ev = evaluateCodec({ tf, encoder, decoder }, test.images, false);
    const entry = manifest!.models[CODEC_ENCODER]!;
    for (const r of ev.rates) {
      const written = entry.extraMetrics!.find((m) => m.name === `PSNR dB, ${r.latents} latents = ${r.bytes} bytes` && m.split.startsWith('MNIST test images 0–199'));
      expect(written, `manifest metric for ${r.latents} latents`).toBeDefined();
      expect(Math.abs(r.psnr - written!.value), `${r.latents} latents: measured ${r.psnr.toFixed(3)} dB, manifest ${written!.value}`).toBeLessThanOrEqual(0.1);
    }
    // More bytes, better picture.
    expect(ev.rates[0]!.psnr).toBeLessThan(ev.rates[2]!.psnr);
  });
});
