import { createInterface } from "node:readline";
import type { Pool } from "pg";
import type { z } from "zod";
import { newPasswordSchema, ownerEmailSchema } from "../../contract/dashboard";
import { addOwner, setOwnerPassword } from "./owners";

/**
 * The owner commands of `npm run hq`: the password is typed twice without echo at a terminal, or
 * read as the first line of standard input when it is piped (a setup script), never taken from
 * the command line (which `ps` and shell histories show).
 */
/** The value, or an error in the schema's own words. */
function valid<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "Not valid.");
  return parsed.data;
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
      lines.close();
      return valid(newPasswordSchema, line);
    }
    throw new Error("No password on standard input.");
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      process.stdout.write(prompt);
      // Echo nothing while the password is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
      rl.question("", (answer) => {
        rl.close();
        process.stdout.write("\n");
        resolve(answer);
      });
    });
  const first = valid(newPasswordSchema, await ask("New password (12 characters or more): "));
  if ((await ask("Type it again: ")) !== first) throw new Error("The two passwords differ; nothing was changed.");
  return first;
}

export async function addOwnerCommand(pool: Pool, emailArg: string | undefined): Promise<string> {
  const email = valid(ownerEmailSchema, emailArg);
  await addOwner(pool, email, await readPassword());
  return `Owner ${email} can now sign in to the dashboard.`;
}

export async function ownerPasswordCommand(pool: Pool, emailArg: string | undefined): Promise<string> {
  const email = valid(ownerEmailSchema, emailArg);
  if (!(await setOwnerPassword(pool, email, await readPassword()))) throw new Error(`No owner ${email}.`);
  return `The password of ${email} is replaced; every session of theirs has ended, no browser they signed in with is trusted any more, and a sign-in lock is lifted.`;
}
