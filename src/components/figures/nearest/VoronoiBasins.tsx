/**
 * Figure "voronoi-basins": points in the plane ("coffee shops") and their
 * basins of attraction (Voronoi cells, computed with d3-delaunay in
 * `src/lib/nearest/voronoi.ts`). The reader drags shops and the cells follow;
 * a click on empty ground drops a marker (or adds a shop, by the mode switch),
 * and the marker shows the shop it is attracted to. A shop is removed by a
 * double click, by the Delete key, or with the button.
 *
 * Server-rendered at build time with the starting shops and marker (the static fallback).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { nearestIndex } from '../../../lib/nearest/geometry';
import { BASINS_BOX, DEFAULT_SHOPS, polygonPath, sharedEdges, voronoiCells, type Shop } from '../../../lib/nearest/voronoi';
import { Bi } from './Bi';
import { useUiText } from '../kit/ui-lang';
import { useMounted } from '../kit/mounted';
import { arrowMove } from '../kit/keys';
import { svgPoint } from './plane';
import './nearest.css';

/** Okabe–Ito colours for the cells, by shop id. */
const CELL_COLORS = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#999999'];
const MAX_SHOPS = 16;
const START_MARKER = { x: 236, y: 190 };

type Drag = { kind: 'shop'; id: number; pointer: number } | { kind: 'marker'; pointer: number } | null;

const [X0, Y0, X1, Y1] = BASINS_BOX;
/** Room a shop needs around its centre to be drawn whole (radius 9.5 + selection ring), SVG units. */
const SHOP_MARGIN = 12;
/** Room the marker's pin needs: it rises 26 units above its point and is 9 wide each side. */
const PIN_MARGIN = { side: 10, top: 28, bottom: 2 };
const clampTo = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** A shop's centre kept inside the plane with the whole shop visible. */
const clampShop = (p: { x: number; y: number }) => ({ x: clampTo(p.x, X0 + SHOP_MARGIN, X1 - SHOP_MARGIN), y: clampTo(p.y, Y0 + SHOP_MARGIN, Y1 - SHOP_MARGIN) });
/** The marker's point kept inside the plane with the whole pin visible. */
const clampMarker = (p: { x: number; y: number }) => ({ x: clampTo(p.x, X0 + PIN_MARGIN.side, X1 - PIN_MARGIN.side), y: clampTo(p.y, Y0 + PIN_MARGIN.top, Y1 - PIN_MARGIN.bottom) });
const color = (id: number) => CELL_COLORS[(id - 1) % CELL_COLORS.length]!;

/** Capture the pointer so a drag continues outside the drawing (ignored when the browser refuses, e.g. a synthetic event). */
function capture(el: Element, pointerId: number): void {
  try {
    el.setPointerCapture?.(pointerId);
  } catch {
    /* not an active pointer */
  }
}

/** The island. */
export default function VoronoiBasins() {
  const ui = useUiText();
  const mounted = useMounted();
  const svg = useRef<SVGSVGElement>(null);
  const trail = useRef<SVGCircleElement>(null);
  const [shops, setShops] = useState<Shop[]>(() => DEFAULT_SHOPS.map((s) => ({ ...s })));
  const [marker, setMarker] = useState<{ x: number; y: number } | null>(START_MARKER);
  const [mode, setMode] = useState<'marker' | 'add'>('marker');
  const [selected, setSelected] = useState<number | null>(null);
  const [drag, setDrag] = useState<Drag>(null);
  const [drops, setDrops] = useState(0);
  /** A message about the last action that could not be done (e.g. the shop limit), shown in the readout. */
  const [notice, setNotice] = useState<{ zh: string; en: string } | null>(null);
  const nextId = useRef(DEFAULT_SHOPS.length + 1);
  const lastPress = useRef<{ id: number; time: number } | null>(null);

  const cells = useMemo(() => voronoiCells(shops), [shops]);
  const edges = useMemo(() => sharedEdges(cells, 1e-6), [cells]);
  const target = marker && shops.length ? nearestIndex(shops, marker.x, marker.y) : -1;
  const targetShop = target >= 0 ? shops[target]! : null;

  // After a drop, a dot travels from the marker to its shop (skipped with reduced motion).
  useEffect(() => {
    const dot = trail.current as (SVGCircleElement & { querySelectorAll: Element['querySelectorAll'] }) | null;
    if (!dot || drops === 0) return;
    if (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) return;
    dot.querySelectorAll('animate').forEach((a) => (a as SVGAnimateElement).beginElement());
  }, [drops]);

  /** Pointer position in SVG units (not clamped: each use clamps for what it places). */
  const pos = (e: PointerEvent) => {
    const p = svg.current && svgPoint(svg.current, e.clientX, e.clientY);
    return p ? { x: p.px, y: p.py } : null;
  };
  const LIMIT_NOTICE = {
    zh: `最多 ${MAX_SHOPS} 家店：先删掉一家（选中后按 Delete，或双击它），才能再添加。`,
    en: `${MAX_SHOPS} shops is the limit: remove one (select it and press Delete, or double-click it) to add another.`,
  };
  /**
   * What a click (or Enter) on empty ground at `p` does: drop the marker there,
   * or add a shop there (in "add" mode). At the limit nothing moves and the readout says why.
   * @returns the id of the added shop, or null
   */
  const clickGround = (p: { x: number; y: number }): number | null => {
    if (mode === 'add') {
      if (shops.length >= MAX_SHOPS) {
        setNotice(LIMIT_NOTICE);
        return null;
      }
      const id = nextId.current++;
      setShops([...shops, { id, ...clampShop(p) }]);
      setSelected(id);
      setNotice(null);
      return id;
    }
    setMarker(clampMarker(p));
    setNotice(null);
    return null;
  };

  const onDown = (e: PointerEvent) => {
    const p = pos(e);
    if (!p || !svg.current) return;
    const el = e.target as Element;
    const shopEl = el.closest('[data-shop]');
    capture(svg.current, e.pointerId);
    if (shopEl) {
      const id = Number(shopEl.getAttribute('data-shop'));
      // A second press on the same shop within 350 ms is a double click / double tap: remove it.
      const now = performance.now();
      const last = lastPress.current;
      lastPress.current = { id, time: now };
      if (last && last.id === id && now - last.time < 350) {
        remove(id);
        lastPress.current = null;
        e.preventDefault();
        return;
      }
      setSelected(id);
      setDrag({ kind: 'shop', id, pointer: e.pointerId });
    } else if (el.closest('[data-marker]')) {
      setDrag({ kind: 'marker', pointer: e.pointerId });
    } else {
      const added = clickGround(p);
      if (added !== null) setDrag({ kind: 'shop', id: added, pointer: e.pointerId });
      else if (mode === 'marker') setDrag({ kind: 'marker', pointer: e.pointerId });
    }
    e.preventDefault();
  };
  const onMove = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    const p = pos(e);
    if (!p) return;
    if (drag.kind === 'shop') setShops((all) => all.map((s) => (s.id === drag.id ? { ...s, ...clampShop(p) } : s)));
    else setMarker(clampMarker(p));
  };
  const onUp = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    if (drag.kind === 'marker') setDrops((n) => n + 1);
    setDrag(null);
  };
  const remove = (id: number | null) => {
    if (id === null || shops.length <= 1) return;
    setShops((all) => all.filter((s) => s.id !== id));
    setSelected(null);
    setNotice(null);
  };
  const onKey = (e: KeyboardEvent, id: number) => {
    const m = arrowMove(e, 3);
    if (m) {
      setShops((all) => all.map((s) => (s.id === id ? { ...s, ...clampShop({ x: s.x + 8 * m[0], y: s.y - 8 * m[1] }) } : s)));
      e.preventDefault();
      e.stopPropagation();
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      remove(id);
      e.preventDefault();
    }
    if (e.key === 'Enter' || e.key === ' ') e.stopPropagation();
  };
  /**
   * Keyboard route for the plane itself (focus it, not a shop): the arrow keys
   * move the marker (as a drag would), Enter or Space clicks the ground under
   * the marker (in "add" mode: adds a shop there).
   */
  const onPlaneKey = (e: KeyboardEvent) => {
    if (e.target !== svg.current) return;
    const m = arrowMove(e, 3);
    const at = marker ?? START_MARKER;
    if (m) {
      setMarker(clampMarker({ x: at.x + 8 * m[0], y: at.y - 8 * m[1] }));
      e.preventDefault();
    } else if (e.key === 'Enter' || e.key === ' ') {
      if (mode === 'add') clickGround(at);
      else setDrops((n) => n + 1);
      e.preventDefault();
    }
  };
  const reset = () => {
    setShops(DEFAULT_SHOPS.map((s) => ({ ...s })));
    setMarker(START_MARKER);
    setSelected(null);
    setNotice(null);
    nextId.current = DEFAULT_SHOPS.length + 1;
  };

  const shopNumber = (id: number) => shops.findIndex((s) => s.id === id) + 1;

  return (
    <div class="nf nf-basins">
      <div class="nf-controls" data-needs-js>
        <span>
          <Bi zh="点击空白处：" en="Click on empty ground to:" />
        </span>
        <span class="nf-seg" role="group" aria-label={ui({ zh: '点击方式', en: 'Click mode' })}>
          <button type="button" aria-pressed={mode === 'marker'} onClick={() => setMode('marker')}>
            <Bi zh="放下标记" en="drop the marker" />
          </button>
          <button type="button" aria-pressed={mode === 'add'} onClick={() => setMode('add')}>
            <Bi zh="添加咖啡店" en="add a shop" />
          </button>
        </span>
        <button type="button" class="nf-btn" onClick={() => remove(selected)} disabled={selected === null || shops.length <= 1}>
          <Bi zh="删除选中的店" en="Remove selected shop" />
        </button>
        <button type="button" class="nf-btn" onClick={reset}>
          <Bi zh="复原" en="Reset" />
        </button>
      </div>
      <svg
        ref={svg}
        viewBox={`${X0} ${Y0} ${X1 - X0} ${Y1 - Y0}`}
        class="nf-basins-svg nf-plane-svg"
        role="application"
        tabindex={0}
        aria-label={ui(
          // The server-rendered drawing is also the static fallback (its label becomes the image's alt text):
          // keys are named only once the figure runs.
          mounted
            ? {
                zh: `咖啡店和它们的吸引子盆地。方向键移动标记；回车${mode === 'add' ? '在标记处开一家店' : '放下标记'}。用 Tab 键可以逐个到达每家店。`,
                en: `Coffee shops and their basins of attraction. Arrow keys move the marker; Enter ${mode === 'add' ? 'adds a shop at the marker' : 'drops it'}. Tab reaches each shop.`,
              }
            : { zh: '咖啡店和它们的吸引子盆地', en: 'Coffee shops and their basins of attraction' },
        )}
        onKeyDown={onPlaneKey}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
      >
        <rect x={X0} y={Y0} width={X1 - X0} height={Y1 - Y0} fill="var(--bg)" />
        {cells.map((c, i) =>
          c ? (
            <path
              key={shops[i]!.id}
              d={polygonPath(c)}
              data-cell={shops[i]!.id}
              fill={color(shops[i]!.id)}
              fill-opacity={i === target ? 0.42 : 0.2}
              class="nf-cell"
            />
          ) : null,
        )}
        {edges.map((e, k) => (
          <line key={k} x1={e.from[0]} y1={e.from[1]} x2={e.to[0]} y2={e.to[1]} class="nf-watershed" />
        ))}
        <rect x={X0} y={Y0} width={X1 - X0} height={Y1 - Y0} class="nf-frame" />
        {marker && targetShop && (
          <g class="nf-attraction">
            <line x1={marker.x} y1={marker.y} x2={targetShop.x} y2={targetShop.y} class="nf-pull" />
            <circle ref={trail} r={4} cx={marker.x} cy={marker.y} class="nf-trail" opacity={0}>
              <animate attributeName="cx" from={marker.x} to={targetShop.x} dur="0.7s" begin="indefinite" fill="remove" />
              <animate attributeName="cy" from={marker.y} to={targetShop.y} dur="0.7s" begin="indefinite" fill="remove" />
              <animate attributeName="opacity" values="1;1;0" dur="0.7s" begin="indefinite" fill="remove" />
            </circle>
          </g>
        )}
        {shops.map((s) => (
          <g
            key={s.id}
            data-shop={s.id}
            class={`nf-shop${selected === s.id ? ' nf-selected' : ''}`}
            tabindex={0}
            role="button"
            aria-label={ui({
              zh: `第 ${shopNumber(s.id)} 家店，位于 ${Math.round(s.x)}, ${Math.round(s.y)}。方向键移动它，Delete 键删除它。`,
              en: `Shop ${shopNumber(s.id)} at ${Math.round(s.x)}, ${Math.round(s.y)}. Arrow keys move it, Delete removes it.`,
            })}
            onKeyDown={(e) => onKey(e, s.id)}
            onFocus={() => setSelected(s.id)}
          >
            <circle cx={s.x} cy={s.y} r={24} fill="transparent" />
            <circle cx={s.x} cy={s.y} r={9.5} fill={color(s.id)} class="nf-point" />
            <text x={s.x} y={s.y + 3.6} class="nf-shop-num" text-anchor="middle">
              {shopNumber(s.id)}
            </text>
          </g>
        ))}
        {marker && (
          <g data-marker class="nf-marker" transform={`translate(${marker.x} ${marker.y})`}>
            <circle r={22} cy={-10} fill="transparent" />
            <path d="M0 0 C -3 -7 -9 -11 -9 -17 A 9 9 0 1 1 9 -17 C 9 -11 3 -7 0 0 Z" class="nf-pin" />
            <circle cy={-17} r={3.4} fill="var(--bg)" />
          </g>
        )}
      </svg>
      <p class="nf-readout" aria-live="polite">
        {notice && (
          <>
            <strong class="nf-notice" data-notice>
              <Bi zh={notice.zh} en={notice.en} />
            </strong>
            <br />
          </>
        )}
        {marker && targetShop ? (
          <Bi
            zh={`标记落在 ${shopNumber(targetShop.id)} 号店的盆地里：离它最近，所以被它“吸引”过去。`}
            en={`The marker lies in the basin of shop ${shopNumber(targetShop.id)}: that shop is nearest, so the marker is “attracted” to it.`}
          />
        ) : (
          <Bi zh="在图上点一下，放下标记。" en="Click the map to drop the marker." />
        )}
        <br />
        <span class="nf-note" data-needs-js>
          <Bi zh="拖动咖啡店（或选中后按方向键），盆地随之变化；双击一家店（或选中后按 Delete）即可删除它。" en="Drag a shop (or select it and use the arrow keys) and the basins follow; double-click a shop (or select it and press Delete) to remove it." />
        </span>
      </p>
    </div>
  );
}
