/** Kinds of identifier the PHI engine reports. */
export type PhiType =
  | 'name'
  | 'date'
  | 'age'
  | 'phone'
  | 'fax'
  | 'email'
  | 'address'
  | 'location'
  | 'zip'
  | 'mrn'
  | 'ssn'
  | 'account'
  | 'member-id'
  | 'license'
  | 'device-id'
  | 'rx'
  | 'plate'
  | 'url'
  | 'ip'
  | 'handle'
  | 'story'
  | 'testimonial'
  | 'photo';

/** Where in a post the scanned text comes from. */
export type PhiField = 'body' | 'variant' | 'title' | 'alt' | 'file' | 'link';

/** The practice's own facts (`practice:` in plan.config.yaml): allowed as whole values. */
export interface PracticeFacts {
  name?: string;
  phones?: string[];
  addresses?: string[];
  websites?: string[];
  emails?: string[];
  handles?: string[];
  staff?: string[];
}

export interface PhiMatch {
  type: PhiType;
  /** UTF-16 offset into the scanned text. */
  start: number;
  /** UTF-16 offset, exclusive. */
  end: number;
  /** Human words for the kind of identifier; never contains the matched text. */
  description: string;
  /** What the finding rests on, in words (who, that they are a patient, what is told); never the matched text. */
  basis?: readonly string[];
  /** Found in an answer to someone's review, where confirming any care is a disclosure. */
  reply?: boolean;
}

/** What the scanner is told about the text beyond its field. */
export interface ScanContext {
  /** The post answers someone's online review (`kind: review-reply`). */
  reviewReply?: boolean;
}

export interface PhiScanner {
  scan(text: string, field: PhiField, context?: ScanContext): readonly PhiMatch[];
}

export type PhiRule =
  | 'phi/name'
  | 'phi/date'
  | 'phi/age'
  | 'phi/phone'
  | 'phi/email'
  | 'phi/address'
  | 'phi/id-number'
  | 'phi/url'
  | 'phi/handle'
  | 'phi/patient-story'
  | 'phi/testimonial'
  | 'phi/patient-photo';

/** The rule that reports each kind of identifier. */
export const PHI_RULE_BY_TYPE: Readonly<Record<PhiType, PhiRule>> = Object.freeze({
  name: 'phi/name',
  date: 'phi/date',
  age: 'phi/age',
  phone: 'phi/phone',
  fax: 'phi/phone',
  email: 'phi/email',
  address: 'phi/address',
  location: 'phi/address',
  zip: 'phi/address',
  mrn: 'phi/id-number',
  ssn: 'phi/id-number',
  account: 'phi/id-number',
  'member-id': 'phi/id-number',
  license: 'phi/id-number',
  'device-id': 'phi/id-number',
  rx: 'phi/id-number',
  plate: 'phi/id-number',
  url: 'phi/url',
  ip: 'phi/url',
  handle: 'phi/handle',
  story: 'phi/patient-story',
  testimonial: 'phi/testimonial',
  photo: 'phi/patient-photo',
});

/** Human words for each kind; used as PhiMatch.description. */
export const PHI_DESCRIPTIONS: Readonly<Record<PhiType, string>> = Object.freeze({
  name: "a patient's or relative's name",
  date: 'a date tied to a person (finer than a year)',
  age: 'an age over 89',
  phone: "a person's phone number (not the practice's)",
  fax: "a person's fax number (not the practice's)",
  email: "a person's email address (not the practice's)",
  address: 'a street address or named residence',
  location: 'a town, city or county tied to a person',
  zip: 'a ZIP code tied to a person',
  mrn: 'a medical record number',
  ssn: 'a Social Security number',
  account: 'an account number',
  'member-id': 'a health-plan member or policy number',
  license: "a driver's license or other license number",
  'device-id': 'a device serial number',
  rx: 'a prescription number',
  plate: 'a vehicle license plate',
  url: 'a personal or patient-specific web address',
  ip: 'an IP address',
  handle: "a person's social media handle",
  story: "a patient's story (a narrated real case)",
  testimonial: 'a patient testimonial',
  photo: 'a photo or video of a patient',
});
