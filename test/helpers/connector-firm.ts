import type { Firm } from "../../src/generated/prisma/client";
import { sealConnectorSettings } from "../../src/psa/firm-connectors";
import { connectwiseSettings } from "./fake-connectwise";

/** A firm as createFirmConnectors reads it, without a database: the fake ConnectWise's settings sealed with `key`. */
export function connectwiseFirmRow(key: Buffer, id: string, name: string): Firm {
  return { id, name, connectorKind: "connectwise", updatedAt: new Date("2026-11-01T00:00:00Z"), ...sealConnectorSettings("connectwise", connectwiseSettings, key) } as unknown as Firm;
}
