import type { ImportIssue } from "../../../../contract/desk";
import { TableHead } from "../../TableHead";

/** The file's problems (rows not imported) or notes (rows imported): line, column, what to do. */
export function IssueTable({
  caption,
  issues,
  className,
}: {
  caption: string;
  issues: ImportIssue[];
  className: string;
}) {
  return (
    <table className={`import-table ${className}`}>
      <caption>{caption}</caption>
      <TableHead columns={["Line", "Column", "What to do"]} actions={false} />
      <tbody>
        {issues.map((e, i) => (
          <tr key={i}>
            <td>{e.line || ""}</td>
            <td>{e.column ?? ""}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
