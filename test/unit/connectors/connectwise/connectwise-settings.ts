/** Shared by the ConnectWise test files. */
export const CW_HOST = "https://api-na.myconnectwise.net";
export const CW_BASE = "/v4_6_release/apis/3.0";
export const cwSettings = {
  site: "https://api-na.myconnectwise.net/",
  companyId: "acme",
  publicKey: "PUBKEY123",
  privateKey: "PRIVATEKEY-abcdef123456",
  clientId: "f2d1c0de-0000-4000-8000-1234567890ab",
};
