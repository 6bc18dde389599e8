/** Word lists for generated data (made up for the sandbox). */

export const FIRST_NAMES = [
	'Ava', 'Ben', 'Chloe', 'Daniel', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Liam', 'Maya', 'Noah',
	'Olivia', 'Pavel', 'Quinn', 'Rosa', 'Samir', 'Tara', 'Umar', 'Vera', 'Wes', 'Xenia', 'Yusuf', 'Zoe', 'Amara', 'Bruno',
	'Carla', 'Dev', 'Emil', 'Freya', 'Gus', 'Hana', 'Ivo', 'Jade', 'Kofi', 'Lena', 'Milo', 'Nadia',
];

export const LAST_NAMES = [
	'Abbott', 'Baker', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen', 'Kowalski', 'Larsen',
	'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quigley', 'Rossi', 'Schmidt', 'Tanaka', 'Usman', 'Varga', 'Walsh', 'Young',
	'Zimmer', 'Alvarez', 'Bennett', 'Costa', 'Dalton', 'Engel',
];

export const CLIENT_FIRST = [
	'Northwind', 'Blue Harbor', 'Copperleaf', 'Greystone', 'Brightline', 'Silver Birch', 'Redwood', 'Lakeside', 'Summit',
	'Ironbridge', 'Maple & Main', 'Starling', 'Oakhurst', 'Riverbend', 'Pinecrest', 'Harborview', 'Juniper', 'Kestrel',
	'Windmill', 'Cobalt', 'Meridian', 'Foxglove', 'Evergreen', 'Granite Peak', 'Lumen', 'Orchard', 'Saffron', 'Tidewater',
];

export const CLIENT_SECOND = [
	'Logistics', 'Studios', 'Outfitters', 'Dental', 'Analytics', 'Bakery', 'Architects', 'Foods', 'Robotics', 'Legal',
	'Partners', 'Media', 'Clinic', 'Energy', 'Travel', 'Software', 'Holdings', 'Brewing', 'Academy', 'Finance',
];

export const PROJECT_NAMES = [
	'Website Redesign', 'Mobile App', 'Brand Refresh', 'SEO Audit', 'Data Migration', 'Customer Portal', 'Annual Report',
	'E-commerce Launch', 'API Integration', 'Marketing Campaign', 'Support Retainer', 'Security Review', 'Onboarding Flow',
	'Analytics Dashboard', 'Content Strategy', 'Product Photography', 'CRM Rollout', 'Infrastructure Upgrade',
];

export const TASKS: ReadonlyArray<{ name: string; billable: boolean; isDefault: boolean }> = [
	{ name: 'Design', billable: true, isDefault: true },
	{ name: 'Development', billable: true, isDefault: true },
	{ name: 'Project Management', billable: true, isDefault: true },
	{ name: 'Meetings', billable: false, isDefault: true },
	{ name: 'Research', billable: true, isDefault: false },
	{ name: 'Quality Assurance', billable: true, isDefault: false },
	{ name: 'Copywriting', billable: true, isDefault: false },
	{ name: 'Consulting', billable: true, isDefault: false },
	{ name: 'Support', billable: true, isDefault: false },
	{ name: 'Administration', billable: false, isDefault: false },
	{ name: 'Training', billable: false, isDefault: false },
	{ name: 'Documentation', billable: true, isDefault: false },
	{ name: 'Analysis', billable: true, isDefault: false },
	{ name: 'Travel Time', billable: false, isDefault: false },
	{ name: 'Illustration', billable: true, isDefault: false },
	{ name: 'Video Editing', billable: true, isDefault: false },
	{ name: 'Workshops', billable: true, isDefault: false },
	{ name: 'Code Review', billable: true, isDefault: false },
	{ name: 'Deployment', billable: true, isDefault: false },
	{ name: 'User Testing', billable: true, isDefault: false },
];

export const NOTES = [
	'Kick-off call with the client', 'Wireframes for the landing page', 'Fixed layout issues on mobile', 'Weekly status meeting',
	'Reviewed feedback from stakeholders', 'Implemented checkout flow', 'Wrote release notes', 'Prepared workshop material',
	'Investigated slow queries', 'Updated copy on pricing page', 'Sprint planning', 'Pairing session', 'Bug triage',
	'Exported assets for print', 'Configured staging server', 'Drafted content calendar',
];

export const EXPENSE_NOTES = ['Lunch with client', 'Train to client office', 'Hotel for workshop', 'Stock photos', 'Taxi', 'Conference ticket', 'Printer ink'];

export const TIMEZONES = ['Eastern Time (US & Canada)', 'Pacific Time (US & Canada)', 'London', 'Berlin', 'Central Time (US & Canada)', 'Sydney'];

export const STREETS = ['Main St.', 'Harbor Rd.', 'Elm Ave.', 'Station Sq.', 'King St.', 'Mill Ln.'];

export const CITIES = ['Springfield, IL 62701', 'Portland, OR 97201', 'Leeds LS1 4AP', 'Austin, TX 73301', 'Toronto, ON M5H 2N2', 'Dublin D02 X285'];
