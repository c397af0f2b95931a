/**
 * The prices the cost model uses: AWS list prices in USD for Asia Pacific
 * (Singapore) `ap-southeast-1`, where README suggests a Chinese district
 * deploys, on-demand, without free tiers. As of the date below, from the
 * pages named; this repository's machines cannot reach them, so check them
 * there before budgeting, and change them here (the model and its document
 * follow: `npm run cost-model`).
 */
export const PRICES = {
  asOf: '2025-06',
  region: 'ap-southeast-1',
  lambda: {
    source: 'https://aws.amazon.com/lambda/pricing/',
    perMillionRequests: 0.2,
    /** Arm (the functions run on arm64). */
    perGbSecond: 0.0000133334,
  },
  apiGateway: {
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    /** HTTP APIs, first 300 million a month. */
    perMillionRequests: 1.2,
  },
  dynamodb: {
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    perMillionWriteUnits: 0.7125,
    perMillionReadUnits: 0.1425,
    perGbMonth: 0.285,
  },
  s3: {
    source: 'https://aws.amazon.com/s3/pricing/',
    perGbMonth: 0.025,
    /** PUT, COPY, POST. */
    perThousandWrites: 0.005,
    perThousandReads: 0.0004,
  },
  cloudfront: {
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    /** Hong Kong, Philippines, South Korea, Singapore and Taiwan: the edges that serve mainland China. */
    perGbOut: 0.12,
    perTenThousandHttpsRequests: 0.012,
  },
  sms: {
    source: 'https://aws.amazon.com/end-user-messaging/pricing/',
    /** One SMS part to a mainland China mobile (+86), sent from outside China. */
    perMessageToChina: 0.0325,
  },
  kms: {
    source: 'https://aws.amazon.com/kms/pricing/',
    perKeyMonth: 1,
    /** Requests on asymmetric keys (the seal's ECC P-256 Sign). */
    perTenThousandAsymmetricRequests: 0.15,
  },
  secretsManager: {
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
    perSecretMonth: 0.4,
  },
  cognito: {
    source: 'https://aws.amazon.com/cognito/pricing/',
    /** The Plus feature plan (threat protection): per monthly active user, no free tier. */
    plusPerMau: 0.02,
  },
  cloudwatch: {
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    logsPerGbIngested: 0.7,
    logsPerGbStored: 0.033,
    perMetricMonth: 0.3,
    perAlarmMonth: 0.1,
    perDashboardMonth: 3,
  },
} as const;
export type Prices = typeof PRICES;
