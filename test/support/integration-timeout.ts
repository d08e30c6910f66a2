// Tests against real servers wait on brokers, databases and FTP transfers: two minutes each unless a test
// says otherwise. (`testTimeout` is a global jest option, so the integration project sets it here.)
jest.setTimeout(120_000);
