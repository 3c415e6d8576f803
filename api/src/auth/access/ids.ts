// The ids of a reach as a Prisma `in` list, shared by the SQL filters: an empty set becomes a uuid no row has.
export const NONE = "00000000-0000-0000-0000-000000000000";
export const ids = (s: Set<string>) => (s.size ? [...s] : [NONE]);
