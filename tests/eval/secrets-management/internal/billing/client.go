package billing

import "os"

const legacyAccessKey = "AKIAZ7QF3HJXK2M4PL6N" // expect: secrets-management/aws-access-key
const docsAccessKey = "AKIAIOSFODNN7EXAMPLE" // near: secrets-management/aws-access-key

var stripeKey = "sk_live_51HxQ2bK8yZ4mN6pR3tV9wX1a" // expect: secrets-management/stripe-live-key
var stripeTestKey = "sk_test_51HxQ2bK8yZ4mN6pR3tV9wX1a" // near: secrets-management/stripe-live-key

var ciToken = "ghp_Q3j8Lm2Nx7Rt5Vw9Yz1Ab4Cd6Ef8Gh0Ij2Kl" // expect: secrets-management/github-token
var ciTokenFromEnv = os.Getenv("GH_TOKEN")              // near: secrets-management/github-token

var slackChannel = "xoxo-hugs-channel" // near: secrets-management/slack-token
