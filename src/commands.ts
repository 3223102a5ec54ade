import type { CliCommand } from "./platform/cli/command";
import type { OperatorDeps } from "./compose-operator";
import { firmList } from "./firms/cli/firm-list";
import { firmCreate } from "./firms/cli/firm-create";
import { firmShow } from "./firms/cli/firm-show";
import { firmRenameSlug } from "./firms/cli/firm-rename-slug";
import { firmDisable, firmEnable } from "./firms/cli/firm-availability";
import { staffInvite } from "./console/cli/staff-invite";
import { doctor } from "./console/cli/doctor";
import { trail } from "./console/cli/trail";
import { clientInvite } from "./console/cli/client-invite";
import { clientMagicLink } from "./console/cli/client-magic-link";
import { clientDisable, clientReactivate } from "./console/cli/client-access";
import { clientUnlock } from "./console/cli/client-unlock";
import { tokenCreate } from "./api-tokens/cli/token-create";
import { tokenList } from "./api-tokens/cli/token-list";
import { tokenRevoke } from "./api-tokens/cli/token-revoke";
import { syncRunCommand } from "./psa/cli/sync-run";

/**
 * Every operator command (`npm run cli -- <command>`), in the order `--help` lists them. To add one: write
 * src/<feature>/cli/<command>.ts with defineCommand (platform/cli/command.ts: its words, options, zod input and a
 * run that calls a use-case), and add it here. Commands share their first word as a group ("firm list").
 */
export const operatorCommands: ReadonlyArray<CliCommand<OperatorDeps>> = [
  firmCreate,
  firmList,
  firmShow,
  firmRenameSlug,
  firmDisable,
  firmEnable,
  staffInvite,
  doctor,
  trail,
  clientInvite,
  clientMagicLink,
  clientDisable,
  clientReactivate,
  clientUnlock,
  tokenCreate,
  tokenList,
  tokenRevoke,
  syncRunCommand,
];
