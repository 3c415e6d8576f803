// The consultation line: types (topics, questions with their thread, FAQ entries, search hits, figures)
// and the operations (lists, FAQ search, similar questions, ask, take, answer, pass on, reply, publish).
import "./schema/types.ts";
import "./schema/operations.ts";
