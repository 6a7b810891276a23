/// OS categories and guest OS types with the names and internal ids a real install has
/// (its guest_os_category and guest_os tables), so `ostypeid=142` and the description
/// "CentOS 5.6 (64-bit)" mean what they mean on a real server.
extension Store {
    static let osCategories: [(id: Int, name: String)] = [
        (1, "CentOS"), (2, "Debian"), (3, "Oracle"), (4, "RedHat"), (5, "SUSE"), (6, "Windows"), (7, "Other"), (8, "Novel"),
        (9, "Unix"), (10, "Ubuntu"), (11, "None"),
    ]

    /// (internal id, category id, description).
    static let guestOSTypes: [(id: Int, category: Int, name: String)] = [
        (1, 1, "CentOS 4.5 (32-bit)"), (2, 1, "CentOS 4.6 (32-bit)"), (3, 1, "CentOS 4.7 (32-bit)"),
        (4, 1, "CentOS 4.8 (32-bit)"), (5, 1, "CentOS 5.0 (32-bit)"), (6, 1, "CentOS 5.0 (64-bit)"),
        (7, 1, "CentOS 5.1 (32-bit)"), (8, 1, "CentOS 5.1 (64-bit)"), (9, 1, "CentOS 5.2 (32-bit)"),
        (10, 1, "CentOS 5.2 (64-bit)"), (11, 1, "CentOS 5.3 (32-bit)"), (12, 1, "CentOS 5.3 (64-bit)"),
        (13, 1, "CentOS 5.4 (32-bit)"), (14, 1, "CentOS 5.4 (64-bit)"), (15, 2, "Debian GNU/Linux 5.0 (32-bit)"),
        (16, 3, "Oracle Enterprise Linux 5.0 (32-bit)"), (17, 3, "Oracle Enterprise Linux 5.0 (64-bit)"),
        (18, 3, "Oracle Enterprise Linux 5.1 (32-bit)"), (19, 3, "Oracle Enterprise Linux 5.1 (64-bit)"),
        (20, 3, "Oracle Enterprise Linux 5.2 (32-bit)"), (21, 3, "Oracle Enterprise Linux 5.2 (64-bit)"),
        (22, 3, "Oracle Enterprise Linux 5.3 (32-bit)"), (23, 3, "Oracle Enterprise Linux 5.3 (64-bit)"),
        (24, 3, "Oracle Enterprise Linux 5.4 (32-bit)"), (25, 3, "Oracle Enterprise Linux 5.4 (64-bit)"),
        (26, 4, "Red Hat Enterprise Linux 4.5 (32-bit)"), (27, 4, "Red Hat Enterprise Linux 4.6 (32-bit)"),
        (28, 4, "Red Hat Enterprise Linux 4.7 (32-bit)"), (29, 4, "Red Hat Enterprise Linux 4.8 (32-bit)"),
        (30, 4, "Red Hat Enterprise Linux 5.0 (32-bit)"), (31, 4, "Red Hat Enterprise Linux 5.0 (64-bit)"),
        (32, 4, "Red Hat Enterprise Linux 5.1 (32-bit)"), (33, 4, "Red Hat Enterprise Linux 5.1 (64-bit)"),
        (34, 4, "Red Hat Enterprise Linux 5.2 (32-bit)"), (35, 4, "Red Hat Enterprise Linux 5.2 (64-bit)"),
        (36, 4, "Red Hat Enterprise Linux 5.3 (32-bit)"), (37, 4, "Red Hat Enterprise Linux 5.3 (64-bit)"),
        (38, 4, "Red Hat Enterprise Linux 5.4 (32-bit)"), (39, 4, "Red Hat Enterprise Linux 5.4 (64-bit)"),
        (40, 5, "SUSE Linux Enterprise Server 9 SP4 (32-bit)"), (41, 5, "SUSE Linux Enterprise Server 10 SP1 (32-bit)"),
        (42, 5, "SUSE Linux Enterprise Server 10 SP1 (64-bit)"), (43, 5, "SUSE Linux Enterprise Server 10 SP2 (32-bit)"),
        (44, 5, "SUSE Linux Enterprise Server 10 SP2 (64-bit)"), (45, 5, "SUSE Linux Enterprise Server 10 SP3 (64-bit)"),
        (46, 5, "SUSE Linux Enterprise Server 11 (32-bit)"), (47, 5, "SUSE Linux Enterprise Server 11 (64-bit)"),
        (48, 6, "Windows 7 (32-bit)"), (49, 6, "Windows 7 (64-bit)"),
        (50, 6, "Windows Server 2003 Enterprise Edition(32-bit)"), (51, 6, "Windows Server 2003 Enterprise Edition(64-bit)"),
        (52, 6, "Windows Server 2008 (32-bit)"), (53, 6, "Windows Server 2008 (64-bit)"),
        (54, 6, "Windows Server 2008 R2 (64-bit)"), (55, 6, "Windows 2000 Server SP4 (32-bit)"),
        (56, 6, "Windows Vista (32-bit)"), (57, 6, "Windows XP SP2 (32-bit)"), (58, 6, "Windows XP SP3 (32-bit)"),
        (59, 10, "Other Ubuntu (32-bit)"), (60, 7, "Other (32-bit)"), (61, 6, "Windows 2000 Server"), (62, 6, "Windows 98"),
        (63, 6, "Windows 95"), (64, 6, "Windows NT 4"), (65, 6, "Windows 3.1"), (66, 4, "Red Hat Enterprise Linux 3(32-bit)"),
        (67, 4, "Red Hat Enterprise Linux 3(64-bit)"), (68, 7, "Open Enterprise Server"), (69, 7, "Asianux 3(32-bit)"),
        (70, 7, "Asianux 3(64-bit)"), (72, 2, "Debian GNU/Linux 5(64-bit)"), (73, 2, "Debian GNU/Linux 4(32-bit)"),
        (74, 2, "Debian GNU/Linux 4(64-bit)"), (75, 7, "Other 2.6x Linux (32-bit)"), (76, 7, "Other 2.6x Linux (64-bit)"),
        (77, 8, "Novell Netware 6.x"), (78, 8, "Novell Netware 5.1"), (79, 9, "Sun Solaris 10(32-bit)"),
        (80, 9, "Sun Solaris 10(64-bit)"), (81, 9, "Sun Solaris 9(Experimental)"), (82, 9, "Sun Solaris 8(Experimental)"),
        (83, 9, "FreeBSD (32-bit)"), (84, 9, "FreeBSD (64-bit)"), (85, 9, "SCO OpenServer 5"), (86, 9, "SCO UnixWare 7"),
        (87, 6, "Windows Server 2003 DataCenter Edition(32-bit)"), (88, 6, "Windows Server 2003 DataCenter Edition(64-bit)"),
        (89, 6, "Windows Server 2003 Standard Edition(32-bit)"), (90, 6, "Windows Server 2003 Standard Edition(64-bit)"),
        (91, 6, "Windows Server 2003 Web Edition"), (92, 6, "Microsoft Small Bussiness Server 2003"),
        (93, 6, "Windows XP (32-bit)"), (94, 6, "Windows XP (64-bit)"), (95, 6, "Windows 2000 Advanced Server"),
        (96, 5, "SUSE Linux Enterprise 8(32-bit)"), (97, 5, "SUSE Linux Enterprise 8(64-bit)"),
        (98, 7, "Other Linux (32-bit)"), (99, 7, "Other Linux (64-bit)"), (100, 10, "Other Ubuntu (64-bit)"),
        (101, 6, "Windows Vista (64-bit)"), (102, 6, "DOS"), (103, 7, "Other (64-bit)"), (104, 7, "OS/2"),
        (105, 6, "Windows 2000 Professional"), (106, 4, "Red Hat Enterprise Linux 4(64-bit)"),
        (107, 5, "SUSE Linux Enterprise 9(32-bit)"), (108, 5, "SUSE Linux Enterprise 9(64-bit)"),
        (109, 5, "SUSE Linux Enterprise 10(32-bit)"), (110, 5, "SUSE Linux Enterprise 10(64-bit)"),
        (111, 1, "CentOS 5.5 (32-bit)"), (112, 1, "CentOS 5.5 (64-bit)"), (113, 4, "Red Hat Enterprise Linux 5.5 (32-bit)"),
        (114, 4, "Red Hat Enterprise Linux 5.5 (64-bit)"), (115, 4, "Fedora 13"), (116, 4, "Fedora 12"), (117, 4, "Fedora 11"),
        (118, 4, "Fedora 10"), (119, 4, "Fedora 9"), (120, 4, "Fedora 8"), (121, 10, "Ubuntu 10.04 (32-bit)"),
        (122, 10, "Ubuntu 9.10 (32-bit)"), (123, 10, "Ubuntu 9.04 (32-bit)"), (124, 10, "Ubuntu 8.10 (32-bit)"),
        (125, 10, "Ubuntu 8.04 (32-bit)"), (126, 10, "Ubuntu 10.04 (64-bit)"), (127, 10, "Ubuntu 9.10 (64-bit)"),
        (128, 10, "Ubuntu 9.04 (64-bit)"), (129, 10, "Ubuntu 8.10 (64-bit)"), (130, 10, "Ubuntu 8.04 (64-bit)"),
        (131, 4, "Red Hat Enterprise Linux 2"), (132, 2, "Debian GNU/Linux 6(32-bit)"), (133, 2, "Debian GNU/Linux 6(64-bit)"),
        (134, 3, "Oracle Enterprise Linux 5.5 (32-bit)"), (135, 3, "Oracle Enterprise Linux 5.5 (64-bit)"),
        (136, 4, "Red Hat Enterprise Linux 6.0 (32-bit)"), (137, 4, "Red Hat Enterprise Linux 6.0 (64-bit)"), (138, 7, "None"),
        (139, 7, "Other PV (32-bit)"), (140, 7, "Other PV (64-bit)"), (141, 1, "CentOS 5.6 (32-bit)"),
        (142, 1, "CentOS 5.6 (64-bit)"), (143, 1, "CentOS 6.0 (32-bit)"), (144, 1, "CentOS 6.0 (64-bit)"),
        (145, 3, "Oracle Enterprise Linux 5.6 (32-bit)"), (146, 3, "Oracle Enterprise Linux 5.6 (64-bit)"),
        (147, 3, "Oracle Enterprise Linux 6.0 (32-bit)"), (148, 3, "Oracle Enterprise Linux 6.0 (64-bit)"),
        (149, 4, "Red Hat Enterprise Linux 5.6 (32-bit)"), (150, 4, "Red Hat Enterprise Linux 5.6 (64-bit)"),
        (151, 5, "SUSE Linux Enterprise Server 10 SP3 (32-bit)"), (152, 5, "SUSE Linux Enterprise Server 10 SP4 (64-bit)"),
        (153, 5, "SUSE Linux Enterprise Server 10 SP4 (32-bit)"), (154, 5, "SUSE Linux Enterprise Server 11 SP1 (64-bit)"),
        (155, 5, "SUSE Linux Enterprise Server 11 SP1 (32-bit)"), (156, 10, "Ubuntu 10.10 (32-bit)"),
        (157, 10, "Ubuntu 10.10 (64-bit)"), (158, 9, "Sun Solaris 11 (64-bit)"), (159, 9, "Sun Solaris 11 (32-bit)"),
        (160, 6, "Windows PV"), (161, 1, "CentOS 5.7 (32-bit)"), (162, 1, "CentOS 5.7 (64-bit)"),
        (165, 6, "Windows 8 (32-bit)"), (166, 6, "Windows 8 (64-bit)"), (167, 6, "Windows Server 2012 (64-bit)"),
        (168, 6, "Windows Server 8 (64-bit)"), (169, 10, "Ubuntu 11.04 (32-bit)"), (170, 10, "Ubuntu 11.04 (64-bit)"),
        (171, 1, "CentOS 6.3 (32-bit)"), (172, 1, "CentOS 6.3 (64-bit)"), (173, 1, "CentOS 5.8 (32-bit)"),
        (174, 1, "CentOS 5.8 (64-bit)"), (175, 1, "CentOS 5.9 (32-bit)"), (176, 1, "CentOS 5.9 (64-bit)"),
        (177, 1, "CentOS 6.1 (32-bit)"), (178, 1, "CentOS 6.1 (64-bit)"), (179, 1, "CentOS 6.2 (32-bit)"),
        (180, 1, "CentOS 6.2 (64-bit)"), (181, 1, "CentOS 6.4 (32-bit)"), (182, 1, "CentOS 6.4 (64-bit)"),
        (183, 2, "Debian GNU/Linux 7(32-bit)"), (184, 2, "Debian GNU/Linux 7(64-bit)"),
        (185, 5, "SUSE Linux Enterprise Server 11 SP2 (64-bit)"), (186, 5, "SUSE Linux Enterprise Server 11 SP2 (32-bit)"),
        (187, 5, "SUSE Linux Enterprise Server 11 SP3 (64-bit)"), (188, 5, "SUSE Linux Enterprise Server 11 SP3 (32-bit)"),
        (189, 4, "Red Hat Enterprise Linux 5.7 (32-bit)"), (190, 4, "Red Hat Enterprise Linux 5.7 (64-bit)"),
        (191, 4, "Red Hat Enterprise Linux 5.8 (32-bit)"), (192, 4, "Red Hat Enterprise Linux 5.8 (64-bit)"),
        (193, 4, "Red Hat Enterprise Linux 5.9 (32-bit)"), (194, 4, "Red Hat Enterprise Linux 5.9 (64-bit)"),
        (195, 4, "Red Hat Enterprise Linux 6.1 (32-bit)"), (196, 4, "Red Hat Enterprise Linux 6.1 (64-bit)"),
        (197, 4, "Red Hat Enterprise Linux 6.2 (32-bit)"), (198, 4, "Red Hat Enterprise Linux 6.2 (64-bit)"),
        (199, 4, "Red Hat Enterprise Linux 6.3 (32-bit)"),
        (200, 1, "Other CentOS (32-bit)"), (201, 1, "Other CentOS (64-bit)"), (202, 5, "Other SUSE Linux(32-bit)"),
        (203, 5, "Other SUSE Linux(64-bit)"), (204, 4, "Red Hat Enterprise Linux 6.3 (64-bit)"),
        (205, 4, "Red Hat Enterprise Linux 6.4 (32-bit)"), (206, 4, "Red Hat Enterprise Linux 6.4 (64-bit)"),
        (207, 3, "Oracle Enterprise Linux 5.7 (32-bit)"), (208, 3, "Oracle Enterprise Linux 5.7 (64-bit)"),
        (209, 3, "Oracle Enterprise Linux 5.8 (32-bit)"), (210, 3, "Oracle Enterprise Linux 5.8 (64-bit)"),
        (211, 3, "Oracle Enterprise Linux 5.9 (32-bit)"), (212, 3, "Oracle Enterprise Linux 5.9 (64-bit)"),
        (213, 3, "Oracle Enterprise Linux 6.1 (32-bit)"), (214, 3, "Oracle Enterprise Linux 6.1 (64-bit)"),
        (215, 3, "Oracle Enterprise Linux 6.2 (32-bit)"), (216, 3, "Oracle Enterprise Linux 6.2 (64-bit)"),
        (217, 3, "Oracle Enterprise Linux 6.3 (32-bit)"), (218, 3, "Oracle Enterprise Linux 6.3 (64-bit)"),
        (219, 3, "Oracle Enterprise Linux 6.4 (32-bit)"), (220, 3, "Oracle Enterprise Linux 6.4 (64-bit)"),
        (221, 7, "Apple Mac OS X 10.6 (32-bit)"), (222, 7, "Apple Mac OS X 10.6 (64-bit)"),
        (223, 7, "Apple Mac OS X 10.7 (32-bit)"), (224, 7, "Apple Mac OS X 10.7 (64-bit)"),
        (277, 10, "Ubuntu 17.04"), (278, 10, "Ubuntu 17.10"), (279, 10, "Ubuntu 18.04 LTS"), (280, 10, "Ubuntu 18.10"),
        (281, 10, "Ubuntu 19.04"), (282, 4, "Red Hat Enterprise Linux 7.3"), (283, 4, "Red Hat Enterprise Linux 7.4"),
        (284, 4, "Red Hat Enterprise Linux 7.5"), (285, 4, "Red Hat Enterprise Linux 7.6"), (286, 4, "Red Hat Enterprise Linux 8.0"),
        (289, 2, "Debian GNU/Linux 9 (32-bit)"), (290, 2, "Debian GNU/Linux 9 (64-bit)"),
        (291, 5, "SUSE Linux Enterprise Server 15 (64-bit)"), (292, 2, "Debian GNU/Linux 10 (32-bit)"),
        (293, 2, "Debian GNU/Linux 10 (64-bit)"), (294, 2, "Linux 4.x Kernel (32-bit)"), (295, 2, "Linux 4.x Kernel (64-bit)"),
        (296, 3, "Oracle Linux 8"), (297, 1, "CentOS 8"), (298, 9, "FreeBSD 11 (32-bit)"), (299, 9, "FreeBSD 11 (64-bit)"),
        (300, 9, "FreeBSD 12 (32-bit)"), (301, 9, "FreeBSD 12 (64-bit)"), (302, 1, "CentOS 6.8"), (303, 1, "CentOS 6.9"),
        (304, 1, "CentOS 6.10"),
    ]

    /// Newer types of a 4.18 install (numbered after the ids above here).
    static let newerGuestOSTypes: [(category: Int, name: String)] = [
        (1, "CentOS 7"), (4, "Red Hat Enterprise Linux 7"), (4, "Red Hat Enterprise Linux 8"), (4, "Rocky Linux 8"),
        (4, "Rocky Linux 9"), (2, "Debian GNU/Linux 11 (64-bit)"), (2, "Debian GNU/Linux 12 (64-bit)"),
        (10, "Ubuntu 20.04 LTS"), (10, "Ubuntu 22.04 LTS"), (6, "Windows 10 (64-bit)"), (6, "Windows 11 (64-bit)"),
        (6, "Windows Server 2016 (64-bit)"), (6, "Windows Server 2019 (64-bit)"), (6, "Windows Server 2022 (64-bit)"),
    ]

    /// Seeds categories and types; answers the types by description.
    func seedOSTypes() -> [String: Entity] {
        var categories: [Int: Entity] = [:]
        for (id, name) in Self.osCategories {
            categories[id] = insert("oscategory", ["name": .string(name)], seq: id)
        }
        var byName: [String: Entity] = [:]
        func add(_ category: Int, _ name: String, seq: Int) {
            byName[name] = insert("ostype", ["oscategoryid": .string(categories[category]!.id), "description": .string(name),
                                             "isuserdefined": .bool(false)], seq: seq)
        }
        for t in Self.guestOSTypes { add(t.category, t.name, seq: t.id) }
        for t in Self.newerGuestOSTypes { add(t.category, t.name, seq: 0) }
        return byName
    }
}
