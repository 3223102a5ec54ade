import type request from "supertest";

type Agent = ReturnType<typeof request.agent>;

/** The CSRF token a page's form carries, as a browser would read it. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error("no CSRF token on the page");
  return match[1] as string;
}

/** Open the sign-in page and post the form, like a browser. Returns the POST's response. */
export async function signIn(agent: Agent, basePath: string, email: string, password: string) {
  const page = await agent.get(`${basePath}/login`);
  return agent.post(`${basePath}/login`).type("form").send({ _csrf: csrfFrom(page.text), email, password });
}
