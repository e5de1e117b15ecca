/**
 * A thin layer over htmlparser2's Tokenizer: tags with their attributes, text and CDATA ranges, and declarations,
 * with no element stack. htmlparser2's Parser keeps its stack with Array#unshift, which makes deep or unclosed nesting
 * quadratic (200,000 nested tags took 15 s); our readers keep their own bounded stacks instead, and skip the Parser's
 * per-event work they do not need.
 */
import { Tokenizer } from 'htmlparser2';

export interface TagEvents {
  /**
   * `attrs` holds raw (entity-encoded) values by lower-case name (scanXml passes one shared frozen object for every
   * tag without attributes, so receivers write only to keys that exist); `start` is the index of the `<`.
   */
  onOpen(name: string, attrs: Record<string, string>, selfClosing: boolean, start: number): void;
  onClose(name: string): void;
  /** Raw text between `start` and `end` (entities still encoded). */
  onText?(start: number, end: number): void;
  onCdata?(start: number, end: number): void;
  /** `<!…>` and `<?…>` bodies, without the brackets. */
  onDeclaration?(value: string): void;
}

const QUOTE_NO_VALUE = 0;

export function readTags(text: string, xmlMode: boolean, events: TagEvents): void {
  let name = '';
  let tagStart = 0;
  let attrs: Record<string, string> = {};
  let attrName = '';
  let attrValue = '';
  const tokenizer = new Tokenizer(
    { xmlMode, decodeEntities: false },
    {
      onopentagname(start, end) {
        name = text.slice(start, end).toLowerCase();
        // The name starts right after '<'.
        tagStart = start - 1;
        attrs = {};
      },
      onattribname(start, end) {
        attrName = text.slice(start, end).toLowerCase();
        attrValue = '';
      },
      onattribdata(start, end) {
        attrValue += text.slice(start, end);
      },
      onattribentity() {},
      onattribend(quote) {
        if (!(attrName in attrs)) attrs[attrName] = quote === QUOTE_NO_VALUE ? '' : attrValue;
      },
      onopentagend() {
        events.onOpen(name, attrs, false, tagStart);
      },
      onselfclosingtag() {
        events.onOpen(name, attrs, true, tagStart);
      },
      onclosetag(start, end) {
        events.onClose(text.slice(start, end).toLowerCase());
      },
      ontext(start, end) {
        events.onText?.(start, end);
      },
      ontextentity() {},
      oncdata(start, end, offset) {
        events.onCdata?.(start, end - offset);
      },
      ondeclaration(start, end) {
        events.onDeclaration?.(`!${text.slice(start, end)}`);
      },
      onprocessinginstruction(start, end) {
        events.onDeclaration?.(`?${text.slice(start, end)}`);
      },
      oncomment() {},
      onend() {},
    },
  );
  tokenizer.write(text);
  tokenizer.end();
}
