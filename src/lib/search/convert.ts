/**
 * Traditional → simplified Chinese for queries, through opencc-js (OpenCC's
 * dictionaries; no hand-made table). Only the query is converted: the text is
 * simplified already, and converting simplified text can change it (OpenCC
 * turns 显著 into 显着), so search looks for the query as typed *and* as
 * converted.
 *
 * Two conversions are offered: character-level Taiwan/Hong Kong forms to
 * mainland forms (權重 → 权重, 神經網絡 → 神经网络), and the same with Taiwan
 * phrases (神經網路 → 神经网络, 軟體 → 软件). This module pulls in about 40 KB
 * (gzip) of dictionaries: import it lazily, only when a query has Chinese
 * characters.
 *
 * Pure TypeScript, no DOM.
 */
import { ConverterFactory } from 'opencc-js/core';
import fromTw from 'opencc-js/from/tw';
import fromTwp from 'opencc-js/from/twp';
import fromHk from 'opencc-js/from/hk';
import toCn from 'opencc-js/to/cn';
import { hasHan } from './query';

const characters = ConverterFactory(fromTw, fromHk, toCn);
const phrases = ConverterFactory(fromTwp, fromHk, toCn);

/**
 * The simplified forms of a query that differ from it.
 * @param text a query (folded or not)
 * @returns zero, one or two converted forms, none equal to `text`
 */
export function simplifiedVariants(text: string): string[] {
  if (!hasHan(text)) return [];
  const out = new Set([characters(text), phrases(text)]);
  out.delete(text);
  return [...out];
}
