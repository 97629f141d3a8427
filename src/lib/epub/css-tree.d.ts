/**
 * The part of css-tree's API (https://github.com/csstree/csstree, v3) that
 * src/lib/epub/extract.ts uses; the package ships no type declarations.
 */
declare module 'css-tree' {
  /** css-tree's linked list of child nodes. */
  export interface List<T> {
    forEach(fn: (item: T) => void): void;
  }
  export interface CssNode {
    type: string;
    name?: string;
  }
  export interface StyleSheet extends CssNode {
    type: 'StyleSheet';
    children: List<CssNode>;
  }
  export interface Rule extends CssNode {
    type: 'Rule';
    prelude: CssNode & { children: List<CssNode> };
    block: Block;
  }
  export interface Block extends CssNode {
    type: 'Block';
    children: List<CssNode>;
  }
  export interface DeclarationList extends CssNode {
    type: 'DeclarationList';
    children: List<CssNode>;
  }
  export interface Declaration extends CssNode {
    type: 'Declaration';
    property: string;
    value: CssNode;
    important: boolean | string;
  }
  export interface ParseOptions {
    context?: 'stylesheet' | 'declarationList' | 'selector' | 'value';
    parseValue?: boolean;
    parseCustomProperty?: boolean;
  }
  export function parse(source: string, options?: ParseOptions): CssNode;
  export function generate(node: CssNode): string;
  export interface WalkOptions {
    enter(node: CssNode): unknown;
  }
  export const walk: ((ast: CssNode, options: WalkOptions) => void) & { skip: symbol };
}
