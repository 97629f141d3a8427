/**
 * A minimal XML element tree and its serializer, for writing the EPUB's
 * XHTML, SVG, OPF and NCX-free navigation documents as well-formed XML.
 * Pure TypeScript (no DOM). Escaping follows XML 1.0 §2.4 (character data)
 * and §3.3.3 (attribute values); characters XML 1.0 forbids (C0 controls
 * other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates) are dropped.
 */

/** An element: tag name (with prefix, e.g. `epub:type` is an attribute, `svg:svg` a tag), attributes in order, children. */
export interface XmlElement {
  tag: string;
  attrs: Array<[name: string, value: string]>;
  children: XmlNode[];
}

/** A node: an element or character data (a string, escaped on output). */
export type XmlNode = XmlElement | string;

/** Characters XML 1.0 does not allow anywhere in a document. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes character data: `&`, `<`, `>`; drops characters XML forbids. */
export function escapeText(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value for double quotes (also tab/LF/CR, which attribute normalisation would otherwise turn into spaces). */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** Children as given to {@link el}: nodes, nested arrays of them, or nothing. */
export type XmlChildren = XmlNode | null | undefined | false | XmlChildren[];

/**
 * Builds an element. `attrs` entries whose value is `undefined`, `null` or
 * `false` are left out; `true` writes the name as its value. Children are
 * flattened; empty strings and falsy entries are dropped.
 */

export function el(tag: string, attrs: Record<string, string | number | boolean | undefined | null> = {}, ...children: XmlChildren[]): XmlElement {
  const list: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    list.push([k, v === true ? k : String(v)]);
  }
  const kids: XmlNode[] = [];
  for (const c of (children as unknown[]).flat(Infinity)) if (c !== null && c !== undefined && c !== false && c !== '') kids.push(c as XmlNode);
  return { tag, attrs: list, children: kids };
}

/** Serializes a node as XML (empty elements as `<tag/>`). */
export function serializeXml(node: XmlNode): string {
  if (typeof node === 'string') return escapeText(node);
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  if (node.children.length === 0) return `<${node.tag}${attrs}/>`;
  return `<${node.tag}${attrs}>${node.children.map(serializeXml).join('')}</${node.tag}>`;
}

/** A whole XML document: declaration, optional doctype line, root element. */
export function xmlDocument(root: XmlElement, doctype?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${doctype ? `${doctype}\n` : ''}${serializeXml(root)}\n`;
}
