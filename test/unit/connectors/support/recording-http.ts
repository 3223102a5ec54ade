import axios from "axios";

export interface RecordedRequest {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

/** An axios instance that records every request a connector sends (URL as sent, body parsed). */
export function createRecordingHttp() {
  const requests: RecordedRequest[] = [];
  const http = axios.create({ transitional: { clarifyTimeoutError: true } });
  http.interceptors.request.use((config) => {
    let body: unknown = config.data;
    if (typeof body === "string" && body.startsWith("{")) body = JSON.parse(body) as unknown;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(config.headers.toJSON())) headers[name.toLowerCase()] = String(value);
    requests.push({ method: (config.method ?? "get").toUpperCase(), url: config.url ?? "", body, headers });
    return config;
  });
  return { http, requests };
}
