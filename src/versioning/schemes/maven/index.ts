import { defineScheme, type Parsed, parsed, rejected } from '../../define.js';
import { compareItem, type Item, isNull, stringItem } from './items.js';

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

function parseItem(isNumber: boolean, text: string): Item {
  return isNumber ? { kind: 'number', digits: text } : stringItem(text, false);
}

/** Drops trailing null items (0, "", empty lists) up to the last non-list item, as `ListItem.normalize`. */
function normalize(items: Item[]): void {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (isNull(item)) items.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

/** Builds the item tree exactly as `ComparableVersion.parseVersion` does. */
export function parseMavenItems(version: string): Item {
  const text = version.toLowerCase();
  const root: Item & { kind: 'list' } = { kind: 'list', items: [] };
  const stack = [root];
  let list = root;
  const openList = (): void => {
    const next: Item & { kind: 'list' } = { kind: 'list', items: [] };
    list.items.push(next);
    list = next;
    stack.push(next);
  };
  let isNumber = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '.' || c === '-') {
      list.items.push(
        i === start ? { kind: 'number', digits: '0' } : parseItem(isNumber, text.slice(start, i)),
      );
      start = i + 1;
      if (c === '-') openList();
    } else if (isDigit(c)) {
      if (!isNumber && i > start) {
        // MNG-7644: a qualifier after `.` opens a sub-list, as after `-` (1.0.0.RC1 < 1.0.0-RC2).
        if (list.items.length > 0) openList();
        list.items.push(stringItem(text.slice(start, i), true));
        start = i;
        openList();
      }
      isNumber = true;
    } else {
      if (isNumber && i > start) {
        list.items.push(parseItem(true, text.slice(start, i)));
        start = i;
        openList();
      }
      isNumber = false;
    }
  }
  if (text.length > start) {
    if (!isNumber && list.items.length > 0) openList();
    list.items.push(parseItem(isNumber, text.slice(start)));
  }
  while (stack.length > 0) normalize(stack.pop()!.items);
  return root;
}

/**
 * Maven's `ComparableVersion` orders every string; we accept printable ASCII without spaces, which covers
 * every published artifact version and avoids guessing how Java's Unicode digits and case rules apply.
 */
export function parseMaven(version: string): Parsed<Item> {
  if (!/^[\x21-\x7e]+$/.test(version)) return rejected('empty, or has spaces or non-ASCII characters');
  return parsed(parseMavenItems(version));
}

export const mavenScheme = defineScheme('maven', 'Maven', parseMaven, (a, b) => compareItem(a, b));
