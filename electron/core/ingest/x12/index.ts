export { x12Importer, looks835, type Parsed835 } from './importer';
export { parse835, parse835Report, X12_SOURCE_SYSTEM, type Parse835Result, type ParsedRemittance, type ParsedRemitClaim, type ParsedRemitLine, type ProviderAdjustment } from './parse-835';
export { tokenize, findDelimiters, type Delimiters, type Segment } from './tokenize';
