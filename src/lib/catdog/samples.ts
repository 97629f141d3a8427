/**
 * The sample photos the cat/dog figures show: the only photographs on the
 * site, committed in `public/samples/` (see `public/samples/SOURCES.md` for
 * where each came from). Each names the square the network looks at.
 */
import type { CropSpec } from './preprocess';

/** One committed sample photo. */
export interface CatdogSample {
  /** Stable id, used in the page and in tests, e.g. `cat-chelsea`. */
  id: string;
  /** File name in `public/samples/`. */
  file: string;
  /** Pixel size of the committed file. */
  width: number;
  height: number;
  /** What a person sees in it: index into the classes, 0 = cat, 1 = dog. */
  subject: 0 | 1;
  /** Short description (alt text) in both languages. */
  alt: { zh: string; en: string };
  /** The square handed to the network (fractions of the photo). */
  crop: CropSpec;
  /** Credit shown under the figures. */
  credit: { zh: string; en: string };
  /** Licence name. */
  licence: string;
}

/** The three committed photos, cat first. */
export const CATDOG_SAMPLES: readonly CatdogSample[] = [
  {
    id: 'cat-chelsea',
    file: 'cat-chelsea.jpg',
    width: 451,
    height: 300,
    subject: 0,
    alt: { zh: '一只虎斑猫的特写', en: 'Close-up of a tabby cat' },
    crop: { cx: 0.5, cy: 0.5, size: 1 },
    credit: { zh: '猫咪 Chelsea，Stéfan van der Walt 摄（CC0），取自 scikit-image', en: 'Chelsea the cat, photo by Stéfan van der Walt (CC0), from scikit-image' },
    licence: 'CC0',
  },
  {
    id: 'dog-bicycle',
    file: 'dog-bicycle.jpg',
    width: 640,
    height: 480,
    subject: 1,
    alt: { zh: '门廊上坐在自行车旁的一只狗', en: 'A dog sitting next to a bicycle on a porch' },
    crop: { cx: 0.285, cy: 0.66, size: 0.64 },
    credit: { zh: '照片取自 Joseph Redmon 的 Darknet 项目（MIT 许可）', en: 'Photo from the Darknet project by Joseph Redmon (MIT licence)' },
    licence: 'MIT',
  },
  {
    id: 'dog-person-horse',
    file: 'dog-person-horse.jpg',
    width: 640,
    height: 424,
    subject: 1,
    alt: { zh: '草地上的一只狗、一个背对镜头的人和一匹白马', en: 'A dog, a person seen from behind and a white horse in a field' },
    crop: { cx: 0.205, cy: 0.72, size: 0.4 },
    credit: { zh: '照片取自 Joseph Redmon 的 Darknet 项目（MIT 许可）', en: 'Photo from the Darknet project by Joseph Redmon (MIT licence)' },
    licence: 'MIT',
  },
];

/** The sample the text calls "a typical cat" (figures 2–4 start with it). */
export const TYPICAL_CAT_ID = 'cat-chelsea';

/**
 * Find a sample by id.
 * @throws Error when no sample has that id
 */
export function sampleById(id: string): CatdogSample {
  const s = CATDOG_SAMPLES.find((x) => x.id === id);
  if (!s) throw new Error(`catdog: no sample photo "${id}"`);
  return s;
}
