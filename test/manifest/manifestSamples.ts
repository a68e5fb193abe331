/*
 * Manifests derived from manifest.xml by one small edit each, for test/manifest/schema.test.ts: broken ones that the
 * schema must reject with a message naming the problem, and edge cases it must accept. Each edit replaces text that
 * must occur exactly once, so a sample can never silently equal the real manifest.
 */

export interface Edit {
  find: string;
  replace: string;
}

export interface Sample {
  name: string;
  /** What is wrong (or, for accepted samples, what edge is probed). */
  why: string;
  edits: Edit[];
  /** For a broken sample: xmllint's message must match this. */
  error?: RegExp;
  /**
   * Why this schema rejects a manifest that Microsoft's published XSDs accept (checked against them by hand while
   * the schema was written; see schema/README.md). Absent: both reject it.
   */
  stricter?: string;
}

/** Applies the edits in order; throws if a `find` text does not occur exactly once. */
export function applyEdits(xml: string, edits: Edit[]): string {
  let out = xml;
  for (const { find, replace } of edits) {
    const first = out.indexOf(find);
    if (first < 0 || out.indexOf(find, first + 1) >= 0) {
      throw new Error(`sample edit: ${JSON.stringify(find)} occurs ${first < 0 ? 'nowhere' : 'more than once'} in the manifest`);
    }
    out = out.slice(0, first) + replace + out.slice(first + find.length);
  }
  return out;
}

const ID = '<Id>efef6c5d-1c88-4b15-a690-c46e37d7aeea</Id>';
const VERSION = '<Version>0.1.0.0</Version>';
const DEFAULT_SETTINGS = `<DefaultSettings>
    <SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>
  </DefaultSettings>`;
const PERMISSIONS = '<Permissions>ReadWriteDocument</Permissions>';
const RUNTIME = '<Runtime resid="Taskpane.Url" lifetime="long"/>';
const SHOW_TASKPANE = '<Action xsi:type="ShowTaskpane">';
const MERGE_BUTTON = '<Control xsi:type="Button" id="Chizheng.MergeMonth">';
const UNDO_BUTTON = '<Control xsi:type="Button" id="Chizheng.UndoMerge">';
const DISPLAY_NAME = '<DisplayName DefaultValue="持证进度助手">';
const GROUP_LABEL = '<Label resid="Group.Label"/>';
const TASKPANE_URL = '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>';
const OPEN_LABEL_STRING = '<bt:String id="OpenTaskpane.Label" DefaultValue="打开助手">';
const OPEN_LABEL_REF = '<Label resid="OpenTaskpane.Label"/>';
const OPEN_TITLE_REF = '<Title resid="OpenTaskpane.Label"/>';

/** n characters of Chinese text: XML Schema lengths count characters, so these are n, not 3n bytes. */
function chinese(n: number): string {
  return '持证进度助手'.repeat(Math.ceil(n / 6)).slice(0, n);
}

const RESID_32 = 'Chizheng.OpenTaskpane.ButtonText'; // 32 characters
const RESID_33 = `${RESID_32}s`;

const NS = '\\{http://schemas\\.microsoft\\.com/office/appforoffice/1\\.1\\}';
const VO = '\\{http://schemas\\.microsoft\\.com/office/taskpaneappversionoverrides\\}';

export const BROKEN: Sample[] = [
  {
    name: 'missing-id',
    why: 'no <Id>',
    edits: [{ find: `${ID}\n  `, replace: '' }],
    error: new RegExp(`Element '${NS}Version': This element is not expected\\. Expected is \\( ${NS}Id \\)`),
  },
  {
    name: 'version-before-id',
    why: '<Version> before <Id>',
    edits: [{ find: `${ID}\n  ${VERSION}`, replace: `${VERSION}\n  ${ID}` }],
    error: new RegExp(`Element '${NS}Version': This element is not expected\\. Expected is \\( ${NS}Id \\)`),
  },
  {
    name: 'permissions-before-default-settings',
    why: '<Permissions> before <DefaultSettings>',
    edits: [{ find: `${DEFAULT_SETTINGS}\n  ${PERMISSIONS}`, replace: `${PERMISSIONS}\n  ${DEFAULT_SETTINGS}` }],
    error: new RegExp(`Element '${NS}Permissions': This element is not expected\\. Expected is \\( ${NS}DefaultSettings \\)`),
  },
  {
    name: 'bad-guid',
    why: 'Id with a non-hexadecimal digit',
    edits: [{ find: ID, replace: '<Id>efef6c5d-1c88-4b15-a690-c46e37d7aeeg</Id>' }],
    error: /Element '.*Id': \[facet 'pattern'\] The value 'efef6c5d-1c88-4b15-a690-c46e37d7aeeg' is not accepted by the pattern '\[0-9a-fA-F\]\{8\}-/,
  },
  {
    name: 'braced-guid',
    why: 'Id as {GUID}: the reference asks for hyphens and no other punctuation',
    edits: [{ find: ID, replace: '<Id>{efef6c5d-1c88-4b15-a690-c46e37d7aeea}</Id>' }],
    error: /Element '.*Id': \[facet 'pattern'\] The value '\{efef6c5d-1c88-4b15-a690-c46e37d7aeea\}' is not accepted by the pattern '\[0-9a-fA-F\]\{8\}-/,
    stricter: "the Id reference asks for a hyphenated GUID with no other punctuation; Microsoft's XSD also takes {GUID} and urn:uuid:",
  },
  {
    name: 'version-five-parts',
    why: 'Version with five parts',
    edits: [{ find: VERSION, replace: '<Version>0.1.0.0.1</Version>' }],
    error: /Element '.*Version': \[facet 'pattern'\] The value '0\.1\.0\.0\.1' is not accepted by the pattern/,
  },
  {
    name: 'http-source-location',
    why: 'DefaultSettings/SourceLocation over http',
    edits: [{ find: DEFAULT_SETTINGS, replace: DEFAULT_SETTINGS.replace('https://', 'http://') }],
    error:
      /Element '.*SourceLocation', attribute 'DefaultValue': \[facet 'pattern'\] The value 'http:\/\/localhost:3000\/taskpane\.html' is not accepted by the pattern 'https:\/\//,
    stricter: "the SourceLocation reference requires https; Microsoft's XSD types URLs as any URI",
  },
  {
    name: 'http-url-resource',
    why: 'the task pane page (bt:Url) over http',
    edits: [{ find: TASKPANE_URL, replace: TASKPANE_URL.replace('https://', 'http://') }],
    error:
      /Element '.*Url', attribute 'DefaultValue': \[facet 'pattern'\] The value 'http:\/\/localhost:3000\/taskpane\.html' is not accepted by the pattern 'https:\/\//,
    stricter: "the Resources reference requires SSL for every image and URL; Microsoft's XSD types URLs as any URI",
  },
  {
    name: 'resid-too-long',
    why: 'a resource id and the resids naming it, 33 characters',
    edits: [
      { find: OPEN_LABEL_STRING, replace: OPEN_LABEL_STRING.replace('OpenTaskpane.Label', RESID_33) },
      { find: OPEN_LABEL_REF, replace: `<Label resid="${RESID_33}"/>` },
      { find: OPEN_TITLE_REF, replace: `<Title resid="${RESID_33}"/>` },
    ],
    error: /attribute '(id|resid)': \[facet 'maxLength'\] The value '.{33}' has a length of '33'; this exceeds the allowed maximum length of '32'/,
  },
  {
    name: 'display-name-too-long',
    why: 'DisplayName of 126 characters',
    edits: [{ find: DISPLAY_NAME, replace: `<DisplayName DefaultValue="${chinese(126)}">` }],
    error:
      /Element '.*DisplayName', attribute 'DefaultValue': \[facet 'maxLength'\] The value '.*' has a length of '126'; this exceeds the allowed maximum length of '125'/,
  },
  {
    name: 'unknown-action-type',
    why: 'Action xsi:type="ShowTaskPane" (the type is ShowTaskpane)',
    edits: [{ find: SHOW_TASKPANE, replace: '<Action xsi:type="ShowTaskPane">' }],
    error: new RegExp(
      `Element '${VO}Action', attribute '.*type': The QName value '${VO}ShowTaskPane' of the xsi:type attribute does not resolve to a type definition`,
    ),
  },
  {
    name: 'runtime-without-resid',
    why: '<Runtime> without resid',
    edits: [{ find: RUNTIME, replace: '<Runtime lifetime="long"/>' }],
    error: new RegExp(`Element '${VO}Runtime': The attribute 'resid' is required but missing`),
  },
  {
    name: 'runtime-bad-lifetime',
    why: 'Runtime lifetime="forever"',
    edits: [{ find: RUNTIME, replace: '<Runtime resid="Taskpane.Url" lifetime="forever"/>' }],
    error: /Element '.*Runtime', attribute 'lifetime': \[facet 'enumeration'\] The value 'forever' is not an element of the set \{'short', 'long'\}/,
  },
  {
    name: 'two-runtimes',
    why: 'two <Runtime> elements (one at present)',
    edits: [{ find: RUNTIME, replace: `${RUNTIME}\n          <Runtime resid="GetStarted.LearnMoreUrl"/>` }],
    error: new RegExp(`Element '${VO}Runtime': This element is not expected`),
    stricter: "the Runtimes reference allows one <Runtime> at present; Microsoft's XSD allows several",
  },
  {
    name: 'runtime-resid-names-no-url',
    why: 'Runtime resid naming no bt:Url',
    edits: [{ find: RUNTIME, replace: '<Runtime resid="Taskpane.Page" lifetime="long"/>' }],
    error: /No match found for key-sequence \['Taskpane\.Page'\] of keyref '.*RuntimeResidNamesAUrl'/,
    stricter: "Microsoft's XSD checks the length of a resid, not what it names",
  },
  {
    name: 'label-names-a-long-string',
    why: 'a group Label whose resid is a LongStrings id',
    edits: [{ find: GROUP_LABEL, replace: '<Label resid="MergeMonth.Tooltip"/>' }],
    error: /No match found for key-sequence \['MergeMonth\.Tooltip'\] of keyref '.*LabelResidNamesAShortString'/,
    stricter: "Microsoft's XSD checks the length of a resid, not which table it names",
  },
  {
    name: 'duplicate-control-id',
    why: 'two buttons with the same id',
    edits: [{ find: UNDO_BUTTON, replace: MERGE_BUTTON }],
    error: /Duplicate key-sequence \['Chizheng\.MergeMonth'\] in unique identity-constraint '.*ControlIdsAreUnique'/,
    stricter: "the Control reference requires unique ids; Microsoft's XSD does not check",
  },
  {
    name: 'duplicate-resource-id',
    why: 'a ShortStrings id repeated in LongStrings',
    edits: [{ find: '<bt:LongStrings>', replace: '<bt:LongStrings>\n        <bt:String id="MergeMonth.Label" DefaultValue="合并"/>' }],
    error: /Duplicate key-sequence \['MergeMonth\.Label'\] in unique identity-constraint '.*ResourceIdsAreUniqueInTheManifest'/,
    stricter: "the Resources reference requires ids unique in the manifest; Microsoft's XSD does not check",
  },
  {
    name: 'duplicate-icon-size',
    why: 'two 32-pixel images in one icon',
    edits: [
      {
        find: `<Label resid="Group.Label"/>
                <Icon>
                  <bt:Image size="16" resid="Icon.16x16"/>`,
        replace: `<Label resid="Group.Label"/>
                <Icon>
                  <bt:Image size="32" resid="Icon.16x16"/>`,
      },
    ],
    error: /Duplicate key-sequence \['32'\] in unique identity-constraint '.*OneIconImagePerSize'/,
    stricter: "an icon needs one image per size; Microsoft's XSD does not check",
  },
  {
    name: 'unknown-permission',
    why: 'a mail add-in permission in a task pane add-in',
    edits: [{ find: PERMISSIONS, replace: '<Permissions>ReadWriteMailbox</Permissions>' }],
    error: /Element '.*Permissions': \[facet 'enumeration'\] The value 'ReadWriteMailbox' is not an element of the set/,
  },
  {
    name: 'version-overrides-without-type',
    why: 'VersionOverrides without xsi:type',
    edits: [{ find: ' xsi:type="VersionOverridesV1_0"', replace: '' }],
    error: new RegExp(`Element '${VO}VersionOverrides': The type definition is abstract`),
    stricter: "the VersionOverrides reference requires xsi:type; Microsoft's XSD does not",
  },
  {
    name: 'empty-app-domains',
    why: 'an empty <AppDomains>',
    edits: [{ find: '\n  <Hosts>', replace: '\n  <AppDomains/>\n  <Hosts>' }],
    error: /Element '.*AppDomains': Missing child element\(s\)\. Expected is \( .*AppDomain \)/,
  },
];

/** Edge cases the schema must accept. */
export const ACCEPTED: Sample[] = [
  {
    name: 'display-name-125',
    why: 'DisplayName of exactly 125 (Chinese) characters',
    edits: [{ find: DISPLAY_NAME, replace: `<DisplayName DefaultValue="${chinese(125)}">` }],
  },
  {
    name: 'resid-32',
    why: 'a resource id and its resids of exactly 32 characters',
    edits: [
      { find: OPEN_LABEL_STRING, replace: OPEN_LABEL_STRING.replace('OpenTaskpane.Label', RESID_32) },
      { find: OPEN_LABEL_REF, replace: `<Label resid="${RESID_32}"/>` },
      { find: OPEN_TITLE_REF, replace: `<Title resid="${RESID_32}"/>` },
    ],
  },
  {
    name: 'one-app-domain',
    why: 'AppDomains with one https domain',
    edits: [{ find: '\n  <Hosts>', replace: '\n  <AppDomains>\n    <AppDomain>https://intranet.example</AppDomain>\n  </AppDomains>\n  <Hosts>' }],
  },
];
