import { z } from "zod";
import { idSchema, pinSchema, roleSchema } from "./common";
import { channel, none } from "./channel";

export const staffSummarySchema = z.object({ id: idSchema, name: z.string(), role: roleSchema });
export type StaffSummary = z.infer<typeof staffSummarySchema>;

export const staffChannels = {
  "staff.list": channel("staff", none, z.object({ staff: z.array(staffSummarySchema) })),
  "staff.login": channel("staff", z.strictObject({ staffId: idSchema, pin: pinSchema }), staffSummarySchema),
  "staff.logout": channel("staff", none, z.object({})),
  "staff.whoami": channel("staff", none, z.object({ staff: staffSummarySchema.nullable() })),
} as const;
