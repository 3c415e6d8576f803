/** A Relay global id, as the API writes it into notification payloads ("Type:id" in base64). */
export const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");
