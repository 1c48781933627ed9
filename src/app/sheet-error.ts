// A spreadsheet of callees refused as a whole (not a spreadsheet, too big, a bad header): the
// message says why, in words a person who saved the file can act on.
export class SheetError extends Error {}
