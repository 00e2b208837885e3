import type { ImportField, ImportIssue } from "../../contract/desk";

/** How many errors (or warnings) a file lists; the rest are counted. */
const MAX_LISTED_ISSUES = 500;

/** A file's errors or its warnings: every one counted, the first MAX_LISTED_ISSUES listed with their column. */
export interface Issues {
  readonly listed: ImportIssue[];
  readonly count: number;
  add(line: number, field: ImportField | null, message: string): void;
}

export function issueList(columnOf: (field: ImportField | null) => string | null): Issues {
  const listed: ImportIssue[] = [];
  let count = 0;
  return {
    listed,
    get count() {
      return count;
    },
    add(line, field, message) {
      count++;
      if (listed.length < MAX_LISTED_ISSUES) listed.push({ line, field, column: columnOf(field), message });
    },
  };
}

/** Ends a list that was cut with a line saying how many more there are ("…and 12 more warnings."). */
export function sayHowManyMore(listed: ImportIssue[], count: number, what: string): void {
  if (count > listed.length)
    listed.push({ line: 0, field: null, column: null, message: `…and ${count - listed.length} more ${what}.` });
}
