// The consultation line, one file per type with its queries and mutations: questions with their
// thread, topics, FAQ entries with their search, the coordinators' figures.
import "./schema/question-topic.ts";
import "./schema/question.ts";
import "./schema/faq-entry.ts";
import "./schema/region-figures.ts";
