import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnIPSet, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { ROUTES } from '../shared/routes.ts';
import { IDENTITY_PUBLIC_PATHS } from './platformIdentity.ts';

/**
 * Paths anyone may reach (the citizen site, the public API and Open311, the
 * file both web apps read their settings from); every other path is the
 * staff side: the console and the staff API.
 */
export const PUBLIC_PATH_PREFIXES = ['/m/', '/public/', '/open311/'] as const;
const PUBLIC_PATHS = ['/m', '/config.json', '/favicon.ico'] as const;

/**
 * Requests one address may make in 5 minutes (WAF's window). Citizens on a
 * mobile network share the carrier's addresses (carrier-grade NAT: a few
 * hundred phones behind one), so the limits are sized for a crowd, not a
 * person: 3,000 reads (10 a second) let several hundred citizens use the
 * site at once from one address, and still stop a script; Open311 is for
 * the city's 12345 platform and a few clients, 1,000. The per-client
 * limits inside the API (shared/routes.ts `perClient`) stay, finer per route.
 */
export const RATE_LIMITS = { public: 3_000, open311: 1_000 } as const;

/** The staff CIDRs from `-c staffCidrs=10.1.0.0/16,2001:db8::/48`, split by IP version. */
export function staffCidrsOf(value: unknown): { v4: string[]; v6: string[] } {
  const cidrs = (typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [])
    .map((cidr) => String(cidr).trim())
    .filter(Boolean);
  for (const cidr of cidrs)
    if (!/^[0-9a-f.:]+\/\d{1,3}$/i.test(cidr))
      throw new Error(`staffCidrs: "${cidr}" is not a CIDR (e.g. 10.1.0.0/16)`);
  return {
    v4: cidrs.filter((cidr) => !cidr.includes(':')),
    v6: cidrs.filter((cidr) => cidr.includes(':')),
  };
}

const startsWith = (prefix: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});
const exactly = (path: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'EXACTLY',
    searchString: path,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});
const visibility = (name: string) => ({
  cloudWatchMetricsEnabled: true,
  metricName: name,
  sampledRequestsEnabled: true,
});

/**
 * The web ACL in front of the platform's CloudFront distribution: a stack
 * of its own in us-east-1, where CloudFront's web ACLs live (the platform's
 * stack takes its ARN through CDK's cross-region references).
 *
 * - Staff side only from the office network (`-c staffCidrs`, Art2, Art11):
 *   any path that is not the citizen site, the public API or Open311 is
 *   blocked from every other address.
 * - Per-address rate limits on `/public/*` and `/open311/*` (RATE_LIMITS).
 * - AWS's common rule set and known bad inputs; the common set's 8 KB body
 *   limit only counts (a dispatch may carry 256 KB of text).
 */
export class EdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(
    scope: Construct,
    id: string,
    props: StackProps & {
      staffCidrs: unknown;
      /** The platform's own sign-in: API Gateway's authorizer reads its discovery and keys from AWS's addresses. */
      identity?: 'cognito' | 'platform';
    },
  ) {
    super(scope, id, props);
    const staff = staffCidrsOf(props.staffCidrs);
    const sets = (['v4', 'v6'] as const)
      .filter((version) => staff[version].length > 0)
      .map(
        (version) =>
          new CfnIPSet(this, `StaffNetwork${version.toUpperCase()}`, {
            scope: 'CLOUDFRONT',
            ipAddressVersion: version === 'v4' ? 'IPV4' : 'IPV6',
            addresses: staff[version],
            description: 'The office network (专网) the staff side is reached from',
          }),
      );
    const isPublic: CfnWebACL.StatementProperty = {
      orStatement: {
        statements: [
          ...PUBLIC_PATH_PREFIXES.map(startsWith),
          ...PUBLIC_PATHS.map(exactly),
          ...(props.identity === 'platform' ? IDENTITY_PUBLIC_PATHS.map(exactly) : []),
        ],
      },
    };
    const references = sets.map((set) => ({ ipSetReferenceStatement: { arn: set.attrArn } }));
    const [only] = references;
    const fromOffice: CfnWebACL.StatementProperty =
      references.length === 1 && only ? only : { orStatement: { statements: references } };
    const rules: CfnWebACL.RuleProperty[] = [
      ...(sets.length > 0
        ? [
            {
              name: 'StaffSideOnlyFromOfficeNetwork',
              priority: 0,
              action: { block: {} },
              statement: {
                andStatement: {
                  statements: [
                    { notStatement: { statement: isPublic } },
                    { notStatement: { statement: fromOffice } },
                  ],
                },
              },
              visibilityConfig: visibility('StaffSideOutsideOffice'),
            },
          ]
        : []),
      ...(['public', 'open311'] as const).map((area, i) => ({
        name: `RatePerAddress-${area}`,
        priority: 1 + i,
        action: { block: {} },
        statement: {
          rateBasedStatement: {
            limit: RATE_LIMITS[area],
            aggregateKeyType: 'IP',
            scopeDownStatement: startsWith(`/${area}/`),
          },
        },
        visibilityConfig: visibility(`RatePerAddress-${area}`),
      })),
      {
        name: 'AWSManagedRulesCommonRuleSet',
        priority: 10,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: 'AWSManagedRulesCommonRuleSet',
            ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
          },
        },
        visibilityConfig: visibility('CommonRuleSet'),
      },
      {
        name: 'AWSManagedRulesKnownBadInputsRuleSet',
        priority: 11,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: 'AWSManagedRulesKnownBadInputsRuleSet',
          },
        },
        visibilityConfig: visibility('KnownBadInputs'),
      },
    ];
    const acl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description:
        'Xinhua platform: staff side from the office network, citizens rate-limited per address',
      rules,
      visibilityConfig: visibility('XinhuaEdge'),
    });
    this.webAclArn = acl.attrArn;
  }
}

/** The first path segments of the API's routes: one CloudFront behavior each sends them to the HTTP API. */
export const apiPathSegments = (): string[] =>
  [...new Set(ROUTES.map((route) => route.path.split('/')[1] ?? ''))].filter(Boolean).sort();
