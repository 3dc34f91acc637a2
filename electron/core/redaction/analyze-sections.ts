/**
 * The section analysis of one note, in one call: segment → classify (LOINC) → tag (DS4P).
 * `{sections: [{start, end, loinc, title, labels, spans}]}`, tiling the text. Pure; no I/O.
 * Coded data for the document (ICD-10-CM, SNOMED CT, LOINC), when given, yields `documentLabels`
 * alongside the union of the section labels.
 */
import { segment } from './sections/segmenter';
import type { SectionLexicon } from './sections/lexicon';
import { labelsForCodes, sortLabels, type CodedConcept } from './sensitivity/codes';
import type { SensitivityLexicon } from './sensitivity/lexicon';
import { tagSections } from './sensitivity/tagger';
import type { AnalyzedSection, Ds4pLabel, Segment } from './types';

export interface AnalyzeOptions {
  sectionLexicon?: SectionLexicon;
  sensitivityLexicon?: SensitivityLexicon;
  codes?: readonly CodedConcept[];
  /** Sections the source already gives (C-CDA): kept as they are, only tagged. Default: the segmenter's. */
  segments?: readonly Segment[];
}

export interface SectionAnalysis {
  sections: AnalyzedSection[];
  /** Union of the section labels and the labels of the document's codes. */
  documentLabels: Ds4pLabel[];
}

export function analyzeSections(text: string, options: AnalyzeOptions = {}): SectionAnalysis {
  const segments = options.segments ?? segment(text, { lexicon: options.sectionLexicon });
  const tags = tagSections(text, segments, options.sensitivityLexicon);
  const all = new Set<Ds4pLabel>(options.codes ? labelsForCodes(options.codes, options.sensitivityLexicon) : []);
  const sections = segments.map((s, i) => {
    const { labels, spans } = tags[i]!;
    for (const l of labels) all.add(l);
    return { start: s.start, end: s.end, bodyStart: s.bodyStart, loinc: s.loinc, title: s.title, labels, spans };
  });
  return { sections, documentLabels: sortLabels(all) };
}
