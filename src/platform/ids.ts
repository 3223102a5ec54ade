const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for the shape of the database's ids (any UUID version): PostgreSQL fails on anything else in a uuid column. */
export const isUuid = (value: string): boolean => UUID.test(value);
