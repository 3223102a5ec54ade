import { z } from "zod";
import type { Config } from "../../../config";
import type { Firm } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import type { UploadRead } from "../../platform/admin-api/endpoint";
import { actorOf, defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import type { FirmDirectory } from "../firm-directory";
import { firmPresentation } from "../../../config/firm-settings";
import { logoView, logoViewOf } from "./firm-views";
import { LOGO_MAX_BYTES, LOGO_TYPES, logoTypeOf, removeFirmLogo, setFirmLogo } from "../use-cases/firm-logo";

/*
 * The firm's logo over the API: the console's Settings upload (console/html/settings.ts) as a raw image body, over
 * the same use-case (firms/use-cases/firm-logo.ts: the role, the size, the type recognised by the bytes, one
 * staff-action row). Raw rather than base64 in JSON: a logo may be 200 KB, twice the JSON parser's limit, and curl
 * sends a file as it is with --data-binary.
 */

type Deps = { db: Db; config: Config; directory: FirmDirectory };

/** Why a body was not read, in the words the use-case uses for the console's field. */
const uploadWords: Record<Extract<UploadRead, { ok: false }>["problem"], string> = {
  none: `send the image's bytes as the request body, with Content-Type ${LOGO_TYPES.join(", ")}`,
  too_large: `at most ${LOGO_MAX_BYTES / 1024} KB`,
};

/** The logo the firm has now (null: none), after the gateway's cache of the firm is told, so pages follow at once. */
function logoNow(deps: Deps, firm: Firm, bytes: Buffer | null) {
  deps.directory.forget(firm.id);
  const { logoHash } = firmPresentation(firm.settings);
  const contentType = bytes ? logoTypeOf(bytes) : null;
  const stored = logoHash && bytes && contentType ? { sha256: logoHash, contentType, bytes: bytes.length } : null;
  return answer({ logo: logoViewOf(deps.config, firm, stored) });
}

/** PUT /api/admin/v1/firm/logo: the image as the body (raw bytes, with its Content-Type). Owners and admins. */
export const putFirmLogoEndpoint = defineAdminEndpoint({
  method: "put",
  path: "/firm/logo",
  tag: "firm",
  summary: `Upload the firm's logo (shown on the portal and in emails): the image itself as the body, a PNG, JPEG, GIF or WebP of at most ${LOGO_MAX_BYTES / 1024} KB, its type checked by its bytes (no SVG); replaces the current one; a row of the staff-action log`,
  roles: "owners and admins",
  upload: { types: LOGO_TYPES, maxBytes: LOGO_MAX_BYTES, description: `the image's bytes as they are (curl --data-binary @logo.png), at most ${LOGO_MAX_BYTES / 1024} KB` },
  response: z.object({ logo: logoView }),
  errors: ["owners_and_admins_only"],
  async handle(deps: Deps, { caller, upload }) {
    // The use-case decides the role first, so a support token is refused whatever it sent.
    const saved = await setFirmLogo(deps.db, { firm: caller.firm, actor: actorOf(caller), bytes: upload.ok ? upload.bytes : null });
    if (!saved.ok) {
      if (saved.error.code === "owners_and_admins_only") return refuse("owners_and_admins_only");
      return refuse("validation_failed", `logo: ${upload.ok ? saved.error.fields.logo : uploadWords[upload.problem]}`, "logo");
    }
    return logoNow(deps, saved.value, upload.ok ? upload.bytes : null);
  },
});

/** DELETE /api/admin/v1/firm/logo: no logo; the portal shows the firm's name alone. Owners and admins. */
export const deleteFirmLogoEndpoint = defineAdminEndpoint({
  method: "delete",
  path: "/firm/logo",
  tag: "firm",
  summary: "Remove the firm's logo: the portal and emails show the firm's name alone (its old URL answers 404); a row of the staff-action log when there was one",
  roles: "owners and admins",
  response: z.object({ logo: logoView }),
  errors: ["owners_and_admins_only"],
  async handle(deps: Deps, { caller }) {
    const removed = await removeFirmLogo(deps.db, { firm: caller.firm, actor: actorOf(caller) });
    if (!removed.ok) return refuse("owners_and_admins_only");
    return logoNow(deps, removed.value, null);
  },
});
