// The staff app's menu as a table: 1177's modules (Utskick, Uppföljning, Design, Administrera), each shown
// to the role that opens it at the chosen unit, with the pages under it. A route row names its
// module (section) and the menu page it belongs to (nav), which the header marks as current.
export const menu = [
  {
    role: 'sender', section: 'utskick', href: '#/utskick', text: 'roleSender', about: 'homeSender',
    pages: [
      { href: '#/utskick', text: 'sendNav' },
      { href: '#/utskick/lankar', text: 'linksNav' },
      { href: '#/utskick/skickade', text: 'sentNav' },
      { href: '#/utskick/paket', text: 'packageStartNav' },
      { href: '#/utskick/paket/pagaende', text: 'packagesNav' },
    ],
  },
  { role: 'reader', section: 'uppfoljning', href: '#/uppfoljning', text: 'roleReader', about: 'homeReader', pages: [] },
  { role: 'designer', section: 'design', href: '#/design', text: 'roleDesigner', about: 'homeDesigner', pages: [] },
  { role: 'admin', section: 'administrera', href: '#/administrera', text: 'roleAdmin', about: 'homeAdmin', pages: [] },
];

// The modules the roles open, in the menu's order.
export const menuFor = (roles) => menu.filter((m) => roles.includes(m.role));
