// The tables the national generator writes: column types for the unnest inserts, and which writer
// must flush before which (a child's batch never reaches the database before its parents').
import { BulkLoader, type ColumnType } from "./bulk.ts";
import type { ParticipationWriters } from "./participation.ts";

const u = "uuid" as const;
const ts = "timestamp" as const;
const T = {
  Municipality: { id: u, regionId: u, name: "text" },
  School: {
    id: u,
    municipalityId: u,
    fullName: "text",
    shortName: "text",
    inn: "text",
    ogrn: "text",
    address: "text",
    canParticipate: "bool",
    canHostCurators: "bool",
  },
  User: {
    id: u,
    email: "text",
    fullName: "text",
    position: "text",
    passwordHash: "text",
    active: "bool",
    organisationId: u,
    createdAt: ts,
  },
  RoleAssignment: {
    id: u,
    userId: u,
    role: "enum:Role",
    regionId: u,
    municipalityId: u,
    schoolId: u,
    createdAt: ts,
  },
  Participation: {
    id: u,
    schoolId: u,
    programmeYearId: u,
    decree: "text",
    status: "enum:ParticipationStatus",
    createdAt: ts,
    lastActivityAt: ts,
  },
  CuratorAssignment: { id: u, curatorId: u, participationId: u, assignedAt: ts },
  RiskProfile: { id: u, participationId: u, verifiedAt: ts, createdAt: ts, updatedAt: ts },
  RiskProfileEntry: {
    id: u,
    profileId: u,
    riskFactorId: u,
    significance: "enum:Significance",
    explanation: "text",
    chosen: "bool",
  },
  RiskProfileConfirmation: {
    id: u,
    profileId: u,
    party: "enum:ConfirmingParty",
    userId: u,
    confirmedAt: ts,
  },
  Document: {
    id: u,
    participationId: u,
    kind: "enum:DocumentKind",
    riskFactorId: u,
    status: "enum:DocumentStatus",
    revision: "int",
    submittedAt: ts,
    decidedAt: ts,
    createdAt: ts,
    updatedAt: ts,
  },
  StoredFile: {
    id: u,
    sha256: "text",
    size: "int",
    mediaType: "text",
    originalName: "text",
    uploadedById: u,
    createdAt: ts,
  },
  DocumentVersion: {
    id: u,
    documentId: u,
    number: "int",
    fileId: u,
    uploadedById: u,
    uploadedAt: ts,
    note: "text",
    submittedAt: ts,
    submittedById: u,
  },
  Review: {
    id: u,
    documentId: u,
    versionId: u,
    decision: "enum:ReviewDecision",
    comment: "text",
    reviewerId: u,
    createdAt: ts,
  },
  Roadmap: {
    id: u,
    programmeYearId: u,
    participationId: u,
    municipalityId: u,
    title: "text",
    createdAt: ts,
  },
  Measure: {
    id: u,
    roadmapId: u,
    position: "int",
    title: "text",
    description: "text",
    startDate: "date",
    dueDate: "date",
    periodLabel: "text",
    responsible: "text[]",
    riskFactorId: u,
    indicatorName: "text",
    indicatorUnit: "text",
    baselineValue: "numeric",
    targetValue: "numeric",
    actualValue: "numeric",
    status: "enum:MeasureStatus",
    completedAt: ts,
    cancelReason: "text",
    revision: "int",
    createdAt: ts,
    updatedAt: ts,
  },
  MeasureEvidence: {
    id: u,
    measureId: u,
    fileId: u,
    url: "text",
    note: "text",
    addedById: u,
    createdAt: ts,
  },
} satisfies Record<string, Record<string, ColumnType>>;

/** The registry and the people: written first, on one connection, and committed before the rest. */
export function sharedWriters(loader: BulkLoader) {
  const municipalities = loader.table("Municipality", T.Municipality);
  const schools = loader.table("School", T.School, { parents: [municipalities] });
  const users = loader.table("User", T.User, { parents: [schools] });
  const roles = loader.table("RoleAssignment", T.RoleAssignment, { parents: [users] });
  return { municipalities, schools, users, roles };
}

/**
 * What participations own. Each connection gets whole participations, so a child row always follows
 * its parent on the same connection; the connections work in parallel.
 */
export function partitionWriters(loader: BulkLoader): ParticipationWriters {
  const participations = loader.table("Participation", T.Participation);
  const curatorAssignments = loader.table("CuratorAssignment", T.CuratorAssignment, {
    parents: [participations],
  });
  const profiles = loader.table("RiskProfile", T.RiskProfile, { parents: [participations] });
  const entries = loader.table("RiskProfileEntry", T.RiskProfileEntry, { parents: [profiles] });
  const confirmations = loader.table("RiskProfileConfirmation", T.RiskProfileConfirmation, {
    parents: [profiles],
  });
  const documents = loader.table("Document", T.Document, { parents: [participations] });
  const files = loader.table("StoredFile", T.StoredFile);
  const versions = loader.table("DocumentVersion", T.DocumentVersion, {
    parents: [documents, files],
  });
  const reviews = loader.table("Review", T.Review, { parents: [versions] });
  const roadmaps = loader.table("Roadmap", T.Roadmap, { parents: [participations] });
  const measures = loader.table("Measure", T.Measure, { parents: [roadmaps] });
  const evidence = loader.table("MeasureEvidence", T.MeasureEvidence, {
    parents: [measures, files],
  });
  return {
    participations,
    curatorAssignments,
    profiles,
    entries,
    confirmations,
    documents,
    files,
    versions,
    reviews,
    roadmaps,
    measures,
    evidence,
  };
}
