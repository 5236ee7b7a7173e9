/**
 * Unit tests check the code and the committed files made from the base port table (README,
 * docker-compose.yml): a port offset set for a second network on this machine is not theirs.
 */
delete process.env.SCF_PORT_OFFSET;
