// What the workbook part says that reading its callees needs: which worksheet part is the first
// tab that is not hidden (what a person opening the file sees; tabs reordered in Excel keep their
// part names, so it is not always sheet1.xml), and whether its dates count from 1904 (the old
// default of Excel for Mac).
import type { Attributes, XmlReader } from './xlsx-xml.js';

export interface WorkbookFacts {
  /** The first visible tab's part, e.g. xl/worksheets/sheet2.xml; null when the workbook does not say. */
  sheetPart: string | null;
  date1904: boolean;
}

/** The relationship id an attribute such as r:id holds (its prefix is the file's choice). */
const relationId = (a: Attributes) => Object.entries(a).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];

/** Reads xl/workbook.xml: its tabs in order and its date system. */
export class WorkbookReader implements XmlReader {
  readonly tabs: Array<{ id: string | undefined; hidden: boolean }> = [];
  date1904 = false;

  open(name: string, a: Attributes): void {
    if (name === 'sheet') this.tabs.push({ id: relationId(a), hidden: a.state === 'hidden' || a.state === 'veryHidden' });
    else if (name === 'workbookPr') this.date1904 = a.date1904 === '1' || a.date1904 === 'true';
  }

  close(): void {}
}

/** Reads xl/_rels/workbook.xml.rels: the part each relationship id points at. */
export class RelationsReader implements XmlReader {
  readonly targets = new Map<string, string>();

  open(name: string, a: Attributes): void {
    if (name === 'Relationship' && a.Id !== undefined && a.Target !== undefined) this.targets.set(a.Id, a.Target);
  }

  close(): void {}
}

export function workbookFacts(workbook: WorkbookReader, relations: RelationsReader): WorkbookFacts {
  const tab = workbook.tabs.find((t) => !t.hidden) ?? workbook.tabs[0];
  const target = tab?.id === undefined ? undefined : relations.targets.get(tab.id);
  // Targets are relative to xl/ unless absolute within the package.
  const sheetPart = target === undefined ? null : target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  return { sheetPart, date1904: workbook.date1904 };
}
