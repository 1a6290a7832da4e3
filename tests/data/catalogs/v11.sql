PRAGMA user_version = 11;
BEGIN TRANSACTION;
CREATE TABLE credits (
            id INTEGER PRIMARY KEY,
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            season_id INTEGER REFERENCES seasons (id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people (id),
            role TEXT NOT NULL CHECK (role IN ('cast', 'crew')),
            character TEXT,
            job TEXT,
            billing INTEGER,
            status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'rumoured')),
            arrival TEXT CHECK (arrival IN ('new', 'returning')),
            note TEXT,
            CHECK (role = 'cast' OR job IS NOT NULL)
        );
INSERT INTO "credits" VALUES(1,1,1,1,'cast','Jessica Jones',NULL,1,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(2,1,1,2,'cast','Trish Walker',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(3,1,1,3,'cast','Kilgrave',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(4,1,1,4,'cast','Luke Cage',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(5,1,1,5,'cast','Jeri Hogarth',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(6,1,1,6,'cast','Malcolm Ducasse',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(7,1,2,1,'cast','Jessica Jones',NULL,1,'confirmed','returning',NULL);
INSERT INTO "credits" VALUES(8,1,2,2,'cast','Trish Walker',NULL,NULL,'confirmed','returning',NULL);
INSERT INTO "credits" VALUES(9,1,2,7,'cast',NULL,NULL,NULL,'confirmed','new','Undisclosed character who will have an enormous impact on Jessica''s life (Entertainment Weekly, quoted by The Daily Dot)');
INSERT INTO "credits" VALUES(10,1,2,3,'cast','Kilgrave',NULL,NULL,'confirmed','returning','Confirmed to return although Kilgrave died at the end of season 1');
INSERT INTO "credits" VALUES(11,1,2,5,'cast','Jeri Hogarth',NULL,NULL,'rumoured','returning','The Daily Dot: her return is likely');
INSERT INTO "credits" VALUES(12,1,NULL,8,'crew',NULL,'showrunner',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(13,1,2,9,'crew',NULL,'writer',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(14,1,2,9,'crew',NULL,'producer',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(15,2,NULL,10,'cast','Tyrion Lannister',NULL,1,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(16,2,NULL,11,'cast','Jon Snow',NULL,2,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(17,2,NULL,12,'cast','Queen Cersei Lannister',NULL,3,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(18,2,NULL,13,'cast','Daenerys Targaryen',NULL,4,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(19,2,NULL,14,'cast','Sansa Stark',NULL,5,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(20,2,NULL,15,'cast','Arya Stark',NULL,6,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(21,2,NULL,16,'crew',NULL,'creator',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(22,2,NULL,16,'crew',NULL,'executive producer',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(23,2,NULL,17,'crew',NULL,'creator',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(24,2,NULL,17,'crew',NULL,'executive producer',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(25,3,NULL,18,'cast','Joyce Byers',NULL,1,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(26,3,NULL,19,'cast','Jim Hopper',NULL,2,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(27,3,NULL,20,'cast','Eleven',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(28,3,NULL,21,'cast','Mike Wheeler',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(29,3,NULL,22,'crew',NULL,'creator',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(30,3,NULL,22,'crew',NULL,'showrunner',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(31,3,NULL,23,'crew',NULL,'creator',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(32,3,NULL,23,'crew',NULL,'showrunner',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(33,4,NULL,24,'cast','Matt Murdock',NULL,1,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(34,4,NULL,25,'cast','Karen Page',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(35,4,NULL,26,'cast','Foggy Nelson',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(36,4,NULL,27,'cast','Wilson Fisk',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(37,4,18,28,'cast','Frank Castle',NULL,NULL,'confirmed','new',NULL);
INSERT INTO "credits" VALUES(38,4,18,29,'cast','Elektra Natchios',NULL,NULL,'confirmed','new',NULL);
INSERT INTO "credits" VALUES(39,4,NULL,30,'crew',NULL,'creator',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(40,4,17,31,'crew',NULL,'showrunner',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(41,4,18,32,'crew',NULL,'showrunner',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(42,4,18,33,'crew',NULL,'showrunner',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(43,4,19,34,'crew',NULL,'showrunner',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(44,5,NULL,24,'cast','Matt Murdock',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(45,5,NULL,1,'cast','Jessica Jones',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(46,5,NULL,4,'cast','Luke Cage',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(47,5,NULL,35,'cast','Danny Rand',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(48,5,NULL,36,'cast','Alexandra',NULL,NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(49,5,NULL,32,'crew',NULL,'creator',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(50,5,NULL,33,'crew',NULL,'creator',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(51,6,NULL,37,'cast','Joel Miller',NULL,1,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(52,6,NULL,38,'cast','Ellie',NULL,2,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(53,6,22,39,'cast','Abby',NULL,NULL,'confirmed','new',NULL);
INSERT INTO "credits" VALUES(54,6,22,40,'cast','Dina',NULL,NULL,'confirmed','new',NULL);
INSERT INTO "credits" VALUES(55,6,NULL,41,'crew',NULL,'creator',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(56,6,NULL,41,'crew',NULL,'showrunner',NULL,'confirmed',NULL,NULL);
INSERT INTO "credits" VALUES(57,6,NULL,42,'crew',NULL,'creator',NULL,'confirmed',NULL,'Stepped away from the show in July 2025, before work on season 3 began');
CREATE TABLE episode_extras (
            episode_id INTEGER PRIMARY KEY REFERENCES episodes (id) ON DELETE CASCADE,
            tvmaze_id INTEGER,
            airstamp TEXT,
            runtime INTEGER
        );
CREATE TABLE episodes (
            id INTEGER PRIMARY KEY,
            season_id INTEGER NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
            number INTEGER NOT NULL CHECK (number >= 1),
            title TEXT,
            airs_precision TEXT NOT NULL DEFAULT 'tba',
            airs_start TEXT,
            airs_time TEXT,
            airs_tz TEXT,
            director TEXT,
            writer TEXT,
            UNIQUE (season_id, number)
        );
CREATE TABLE facts (
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            subject TEXT NOT NULL,
            field TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('typed', 'imported', 'tvmaze', 'tmdb')),
            value TEXT,
            offered TEXT,
            offered_by TEXT CHECK (offered_by IS NULL OR offered_by IN ('tvmaze', 'tmdb')),
            PRIMARY KEY (show_id, subject, field)
        ) WITHOUT ROWID
        ;
CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0)
        );
INSERT INTO "people" VALUES(1,'Krysten Ritter');
INSERT INTO "people" VALUES(2,'Rachael Taylor');
INSERT INTO "people" VALUES(3,'David Tennant');
INSERT INTO "people" VALUES(4,'Mike Colter');
INSERT INTO "people" VALUES(5,'Carrie-Anne Moss');
INSERT INTO "people" VALUES(6,'Eka Darville');
INSERT INTO "people" VALUES(7,'Janet McTeer');
INSERT INTO "people" VALUES(8,'Melissa Rosenberg');
INSERT INTO "people" VALUES(9,'Raelle Tucker');
INSERT INTO "people" VALUES(10,'Peter Dinklage');
INSERT INTO "people" VALUES(11,'Kit Harington');
INSERT INTO "people" VALUES(12,'Lena Headey');
INSERT INTO "people" VALUES(13,'Emilia Clarke');
INSERT INTO "people" VALUES(14,'Sophie Turner');
INSERT INTO "people" VALUES(15,'Maisie Williams');
INSERT INTO "people" VALUES(16,'David Benioff');
INSERT INTO "people" VALUES(17,'D.B. Weiss');
INSERT INTO "people" VALUES(18,'Winona Ryder');
INSERT INTO "people" VALUES(19,'David Harbour');
INSERT INTO "people" VALUES(20,'Millie Bobby Brown');
INSERT INTO "people" VALUES(21,'Finn Wolfhard');
INSERT INTO "people" VALUES(22,'Matt Duffer');
INSERT INTO "people" VALUES(23,'Ross Duffer');
INSERT INTO "people" VALUES(24,'Charlie Cox');
INSERT INTO "people" VALUES(25,'Deborah Ann Woll');
INSERT INTO "people" VALUES(26,'Elden Henson');
INSERT INTO "people" VALUES(27,'Vincent D''Onofrio');
INSERT INTO "people" VALUES(28,'Jon Bernthal');
INSERT INTO "people" VALUES(29,'Élodie Yung');
INSERT INTO "people" VALUES(30,'Drew Goddard');
INSERT INTO "people" VALUES(31,'Steven S. DeKnight');
INSERT INTO "people" VALUES(32,'Douglas Petrie');
INSERT INTO "people" VALUES(33,'Marco Ramirez');
INSERT INTO "people" VALUES(34,'Erik Oleson');
INSERT INTO "people" VALUES(35,'Finn Jones');
INSERT INTO "people" VALUES(36,'Sigourney Weaver');
INSERT INTO "people" VALUES(37,'Pedro Pascal');
INSERT INTO "people" VALUES(38,'Bella Ramsey');
INSERT INTO "people" VALUES(39,'Kaitlyn Dever');
INSERT INTO "people" VALUES(40,'Isabela Merced');
INSERT INTO "people" VALUES(41,'Craig Mazin');
INSERT INTO "people" VALUES(42,'Neil Druckmann');
CREATE TABLE releases (
            season_id INTEGER NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            first_episode INTEGER,
            last_episode INTEGER,
            title TEXT,
            precision TEXT NOT NULL,
            start TEXT,
            time TEXT,
            tz TEXT,
            premiere INTEGER NOT NULL,
            finale INTEGER NOT NULL,
            starts_at TEXT,
            ends_at TEXT,
            exact INTEGER NOT NULL,
            PRIMARY KEY (season_id, position)
        ) WITHOUT ROWID
        ;
INSERT INTO "releases" VALUES(1,0,1,1,13,NULL,'day','2015-11-20',NULL,NULL,1,1,'2015-11-19T10:00:00','2015-11-21T11:59:59',1);
INSERT INTO "releases" VALUES(2,0,1,1,13,NULL,'minute','2018-03-08','00:01','America/Los_Angeles',1,1,'2018-03-08T08:01:00','2018-03-08T08:01:00',1);
INSERT INTO "releases" VALUES(3,0,1,1,13,NULL,'day','2019-06-14',NULL,NULL,1,1,'2019-06-13T10:00:00','2019-06-15T11:59:59',1);
INSERT INTO "releases" VALUES(4,0,2,1,1,NULL,'minute','2011-04-17','21:00','America/New_York',1,0,'2011-04-18T01:00:00','2011-04-18T01:00:00',1);
INSERT INTO "releases" VALUES(4,1,2,2,2,NULL,'minute','2011-04-24','21:00','America/New_York',0,0,'2011-04-25T01:00:00','2011-04-25T01:00:00',1);
INSERT INTO "releases" VALUES(4,2,2,3,3,NULL,'minute','2011-05-01','21:00','America/New_York',0,0,'2011-05-02T01:00:00','2011-05-02T01:00:00',1);
INSERT INTO "releases" VALUES(4,3,2,4,4,NULL,'minute','2011-05-08','21:00','America/New_York',0,0,'2011-05-09T01:00:00','2011-05-09T01:00:00',1);
INSERT INTO "releases" VALUES(4,4,2,5,5,NULL,'minute','2011-05-15','21:00','America/New_York',0,0,'2011-05-16T01:00:00','2011-05-16T01:00:00',1);
INSERT INTO "releases" VALUES(4,5,2,6,6,NULL,'minute','2011-05-22','21:00','America/New_York',0,0,'2011-05-23T01:00:00','2011-05-23T01:00:00',1);
INSERT INTO "releases" VALUES(4,6,2,7,7,NULL,'minute','2011-05-29','21:00','America/New_York',0,0,'2011-05-30T01:00:00','2011-05-30T01:00:00',1);
INSERT INTO "releases" VALUES(4,7,2,8,8,NULL,'minute','2011-06-05','21:00','America/New_York',0,0,'2011-06-06T01:00:00','2011-06-06T01:00:00',1);
INSERT INTO "releases" VALUES(4,8,2,9,9,NULL,'minute','2011-06-12','21:00','America/New_York',0,0,'2011-06-13T01:00:00','2011-06-13T01:00:00',1);
INSERT INTO "releases" VALUES(4,9,2,10,10,NULL,'minute','2011-06-19','21:00','America/New_York',0,1,'2011-06-20T01:00:00','2011-06-20T01:00:00',1);
INSERT INTO "releases" VALUES(5,0,2,1,1,NULL,'minute','2012-04-01','21:00','America/New_York',1,0,'2012-04-02T01:00:00','2012-04-02T01:00:00',1);
INSERT INTO "releases" VALUES(5,1,2,2,2,NULL,'minute','2012-04-08','21:00','America/New_York',0,0,'2012-04-09T01:00:00','2012-04-09T01:00:00',1);
INSERT INTO "releases" VALUES(5,2,2,3,3,NULL,'minute','2012-04-15','21:00','America/New_York',0,0,'2012-04-16T01:00:00','2012-04-16T01:00:00',1);
INSERT INTO "releases" VALUES(5,3,2,4,4,NULL,'minute','2012-04-22','21:00','America/New_York',0,0,'2012-04-23T01:00:00','2012-04-23T01:00:00',1);
INSERT INTO "releases" VALUES(5,4,2,5,5,NULL,'minute','2012-04-29','21:00','America/New_York',0,0,'2012-04-30T01:00:00','2012-04-30T01:00:00',1);
INSERT INTO "releases" VALUES(5,5,2,6,6,NULL,'minute','2012-05-06','21:00','America/New_York',0,0,'2012-05-07T01:00:00','2012-05-07T01:00:00',1);
INSERT INTO "releases" VALUES(5,6,2,7,7,NULL,'minute','2012-05-13','21:00','America/New_York',0,0,'2012-05-14T01:00:00','2012-05-14T01:00:00',1);
INSERT INTO "releases" VALUES(5,7,2,8,8,NULL,'minute','2012-05-20','21:00','America/New_York',0,0,'2012-05-21T01:00:00','2012-05-21T01:00:00',1);
INSERT INTO "releases" VALUES(5,8,2,9,9,NULL,'minute','2012-05-27','21:00','America/New_York',0,0,'2012-05-28T01:00:00','2012-05-28T01:00:00',1);
INSERT INTO "releases" VALUES(5,9,2,10,10,NULL,'minute','2012-06-03','21:00','America/New_York',0,1,'2012-06-04T01:00:00','2012-06-04T01:00:00',1);
INSERT INTO "releases" VALUES(6,0,2,1,1,NULL,'minute','2013-03-31','21:00','America/New_York',1,0,'2013-04-01T01:00:00','2013-04-01T01:00:00',1);
INSERT INTO "releases" VALUES(6,1,2,2,2,NULL,'minute','2013-04-07','21:00','America/New_York',0,0,'2013-04-08T01:00:00','2013-04-08T01:00:00',1);
INSERT INTO "releases" VALUES(6,2,2,3,3,NULL,'minute','2013-04-14','21:00','America/New_York',0,0,'2013-04-15T01:00:00','2013-04-15T01:00:00',1);
INSERT INTO "releases" VALUES(6,3,2,4,4,NULL,'minute','2013-04-21','21:00','America/New_York',0,0,'2013-04-22T01:00:00','2013-04-22T01:00:00',1);
INSERT INTO "releases" VALUES(6,4,2,5,5,NULL,'minute','2013-04-28','21:00','America/New_York',0,0,'2013-04-29T01:00:00','2013-04-29T01:00:00',1);
INSERT INTO "releases" VALUES(6,5,2,6,6,NULL,'minute','2013-05-05','21:00','America/New_York',0,0,'2013-05-06T01:00:00','2013-05-06T01:00:00',1);
INSERT INTO "releases" VALUES(6,6,2,7,7,NULL,'minute','2013-05-12','21:00','America/New_York',0,0,'2013-05-13T01:00:00','2013-05-13T01:00:00',1);
INSERT INTO "releases" VALUES(6,7,2,8,8,NULL,'minute','2013-05-19','21:00','America/New_York',0,0,'2013-05-20T01:00:00','2013-05-20T01:00:00',1);
INSERT INTO "releases" VALUES(6,8,2,9,9,NULL,'minute','2013-05-26','21:00','America/New_York',0,0,'2013-05-27T01:00:00','2013-05-27T01:00:00',1);
INSERT INTO "releases" VALUES(6,9,2,10,10,NULL,'minute','2013-06-02','21:00','America/New_York',0,1,'2013-06-03T01:00:00','2013-06-03T01:00:00',1);
INSERT INTO "releases" VALUES(7,0,2,1,1,NULL,'minute','2014-04-06','21:00','America/New_York',1,0,'2014-04-07T01:00:00','2014-04-07T01:00:00',1);
INSERT INTO "releases" VALUES(7,1,2,2,2,NULL,'minute','2014-04-13','21:00','America/New_York',0,0,'2014-04-14T01:00:00','2014-04-14T01:00:00',1);
INSERT INTO "releases" VALUES(7,2,2,3,3,NULL,'minute','2014-04-20','21:00','America/New_York',0,0,'2014-04-21T01:00:00','2014-04-21T01:00:00',1);
INSERT INTO "releases" VALUES(7,3,2,4,4,NULL,'minute','2014-04-27','21:00','America/New_York',0,0,'2014-04-28T01:00:00','2014-04-28T01:00:00',1);
INSERT INTO "releases" VALUES(7,4,2,5,5,NULL,'minute','2014-05-04','21:00','America/New_York',0,0,'2014-05-05T01:00:00','2014-05-05T01:00:00',1);
INSERT INTO "releases" VALUES(7,5,2,6,6,NULL,'minute','2014-05-11','21:00','America/New_York',0,0,'2014-05-12T01:00:00','2014-05-12T01:00:00',1);
INSERT INTO "releases" VALUES(7,6,2,7,7,NULL,'minute','2014-05-18','21:00','America/New_York',0,0,'2014-05-19T01:00:00','2014-05-19T01:00:00',1);
INSERT INTO "releases" VALUES(7,7,2,8,8,NULL,'minute','2014-05-25','21:00','America/New_York',0,0,'2014-05-26T01:00:00','2014-05-26T01:00:00',1);
INSERT INTO "releases" VALUES(7,8,2,9,9,NULL,'minute','2014-06-01','21:00','America/New_York',0,0,'2014-06-02T01:00:00','2014-06-02T01:00:00',1);
INSERT INTO "releases" VALUES(7,9,2,10,10,NULL,'minute','2014-06-08','21:00','America/New_York',0,1,'2014-06-09T01:00:00','2014-06-09T01:00:00',1);
INSERT INTO "releases" VALUES(8,0,2,1,1,NULL,'minute','2015-04-12','21:00','America/New_York',1,0,'2015-04-13T01:00:00','2015-04-13T01:00:00',1);
INSERT INTO "releases" VALUES(8,1,2,2,2,NULL,'minute','2015-04-19','21:00','America/New_York',0,0,'2015-04-20T01:00:00','2015-04-20T01:00:00',1);
INSERT INTO "releases" VALUES(8,2,2,3,3,NULL,'minute','2015-04-26','21:00','America/New_York',0,0,'2015-04-27T01:00:00','2015-04-27T01:00:00',1);
INSERT INTO "releases" VALUES(8,3,2,4,4,NULL,'minute','2015-05-03','21:00','America/New_York',0,0,'2015-05-04T01:00:00','2015-05-04T01:00:00',1);
INSERT INTO "releases" VALUES(8,4,2,5,5,NULL,'minute','2015-05-10','21:00','America/New_York',0,0,'2015-05-11T01:00:00','2015-05-11T01:00:00',1);
INSERT INTO "releases" VALUES(8,5,2,6,6,NULL,'minute','2015-05-17','21:00','America/New_York',0,0,'2015-05-18T01:00:00','2015-05-18T01:00:00',1);
INSERT INTO "releases" VALUES(8,6,2,7,7,NULL,'minute','2015-05-24','21:00','America/New_York',0,0,'2015-05-25T01:00:00','2015-05-25T01:00:00',1);
INSERT INTO "releases" VALUES(8,7,2,8,8,NULL,'minute','2015-05-31','21:00','America/New_York',0,0,'2015-06-01T01:00:00','2015-06-01T01:00:00',1);
INSERT INTO "releases" VALUES(8,8,2,9,9,NULL,'minute','2015-06-07','21:00','America/New_York',0,0,'2015-06-08T01:00:00','2015-06-08T01:00:00',1);
INSERT INTO "releases" VALUES(8,9,2,10,10,NULL,'minute','2015-06-14','21:00','America/New_York',0,1,'2015-06-15T01:00:00','2015-06-15T01:00:00',1);
INSERT INTO "releases" VALUES(9,0,2,1,1,NULL,'minute','2016-04-24','21:00','America/New_York',1,0,'2016-04-25T01:00:00','2016-04-25T01:00:00',1);
INSERT INTO "releases" VALUES(9,1,2,2,2,NULL,'minute','2016-05-01','21:00','America/New_York',0,0,'2016-05-02T01:00:00','2016-05-02T01:00:00',1);
INSERT INTO "releases" VALUES(9,2,2,3,3,NULL,'minute','2016-05-08','21:00','America/New_York',0,0,'2016-05-09T01:00:00','2016-05-09T01:00:00',1);
INSERT INTO "releases" VALUES(9,3,2,4,4,NULL,'minute','2016-05-15','21:00','America/New_York',0,0,'2016-05-16T01:00:00','2016-05-16T01:00:00',1);
INSERT INTO "releases" VALUES(9,4,2,5,5,NULL,'minute','2016-05-22','21:00','America/New_York',0,0,'2016-05-23T01:00:00','2016-05-23T01:00:00',1);
INSERT INTO "releases" VALUES(9,5,2,6,6,NULL,'minute','2016-05-29','21:00','America/New_York',0,0,'2016-05-30T01:00:00','2016-05-30T01:00:00',1);
INSERT INTO "releases" VALUES(9,6,2,7,7,NULL,'minute','2016-06-05','21:00','America/New_York',0,0,'2016-06-06T01:00:00','2016-06-06T01:00:00',1);
INSERT INTO "releases" VALUES(9,7,2,8,8,NULL,'minute','2016-06-12','21:00','America/New_York',0,0,'2016-06-13T01:00:00','2016-06-13T01:00:00',1);
INSERT INTO "releases" VALUES(9,8,2,9,9,NULL,'minute','2016-06-19','21:00','America/New_York',0,0,'2016-06-20T01:00:00','2016-06-20T01:00:00',1);
INSERT INTO "releases" VALUES(9,9,2,10,10,NULL,'minute','2016-06-26','21:00','America/New_York',0,1,'2016-06-27T01:00:00','2016-06-27T01:00:00',1);
INSERT INTO "releases" VALUES(10,0,2,1,1,NULL,'minute','2017-07-16','21:00','America/New_York',1,0,'2017-07-17T01:00:00','2017-07-17T01:00:00',1);
INSERT INTO "releases" VALUES(10,1,2,2,2,NULL,'minute','2017-07-23','21:00','America/New_York',0,0,'2017-07-24T01:00:00','2017-07-24T01:00:00',1);
INSERT INTO "releases" VALUES(10,2,2,3,3,NULL,'minute','2017-07-30','21:00','America/New_York',0,0,'2017-07-31T01:00:00','2017-07-31T01:00:00',1);
INSERT INTO "releases" VALUES(10,3,2,4,4,NULL,'minute','2017-08-06','21:00','America/New_York',0,0,'2017-08-07T01:00:00','2017-08-07T01:00:00',1);
INSERT INTO "releases" VALUES(10,4,2,5,5,NULL,'minute','2017-08-13','21:00','America/New_York',0,0,'2017-08-14T01:00:00','2017-08-14T01:00:00',1);
INSERT INTO "releases" VALUES(10,5,2,6,6,NULL,'minute','2017-08-20','21:00','America/New_York',0,0,'2017-08-21T01:00:00','2017-08-21T01:00:00',1);
INSERT INTO "releases" VALUES(10,6,2,7,7,NULL,'minute','2017-08-27','21:00','America/New_York',0,1,'2017-08-28T01:00:00','2017-08-28T01:00:00',1);
INSERT INTO "releases" VALUES(11,0,2,1,1,NULL,'minute','2019-04-14','21:00','America/New_York',1,0,'2019-04-15T01:00:00','2019-04-15T01:00:00',1);
INSERT INTO "releases" VALUES(11,1,2,2,2,NULL,'minute','2019-04-21','21:00','America/New_York',0,0,'2019-04-22T01:00:00','2019-04-22T01:00:00',1);
INSERT INTO "releases" VALUES(11,2,2,3,3,NULL,'minute','2019-04-28','21:00','America/New_York',0,0,'2019-04-29T01:00:00','2019-04-29T01:00:00',1);
INSERT INTO "releases" VALUES(11,3,2,4,4,NULL,'minute','2019-05-05','21:00','America/New_York',0,0,'2019-05-06T01:00:00','2019-05-06T01:00:00',1);
INSERT INTO "releases" VALUES(11,4,2,5,5,NULL,'minute','2019-05-12','21:00','America/New_York',0,0,'2019-05-13T01:00:00','2019-05-13T01:00:00',1);
INSERT INTO "releases" VALUES(11,5,2,6,6,NULL,'minute','2019-05-19','21:00','America/New_York',0,1,'2019-05-20T01:00:00','2019-05-20T01:00:00',1);
INSERT INTO "releases" VALUES(12,0,3,1,8,NULL,'day','2016-07-15',NULL,NULL,1,1,'2016-07-14T10:00:00','2016-07-16T11:59:59',1);
INSERT INTO "releases" VALUES(13,0,3,1,9,NULL,'day','2017-10-27',NULL,NULL,1,1,'2017-10-26T10:00:00','2017-10-28T11:59:59',1);
INSERT INTO "releases" VALUES(14,0,3,1,8,NULL,'day','2019-07-04',NULL,NULL,1,1,'2019-07-03T10:00:00','2019-07-05T11:59:59',1);
INSERT INTO "releases" VALUES(15,0,3,1,1,NULL,'day','2022-05-27',NULL,NULL,1,0,'2022-05-26T10:00:00','2022-05-28T11:59:59',1);
INSERT INTO "releases" VALUES(15,1,3,2,2,NULL,'tba',NULL,NULL,NULL,0,0,NULL,NULL,0);
INSERT INTO "releases" VALUES(15,2,3,3,3,NULL,'tba',NULL,NULL,NULL,0,0,NULL,NULL,0);
INSERT INTO "releases" VALUES(15,3,3,4,4,NULL,'tba',NULL,NULL,NULL,0,0,NULL,NULL,0);
INSERT INTO "releases" VALUES(15,4,3,5,5,NULL,'tba',NULL,NULL,NULL,0,0,NULL,NULL,0);
INSERT INTO "releases" VALUES(15,5,3,6,6,NULL,'tba',NULL,NULL,NULL,0,0,NULL,NULL,0);
INSERT INTO "releases" VALUES(15,6,3,7,7,NULL,'tba',NULL,NULL,NULL,0,0,NULL,NULL,0);
INSERT INTO "releases" VALUES(15,7,3,8,8,NULL,'tba',NULL,NULL,NULL,0,0,NULL,NULL,0);
INSERT INTO "releases" VALUES(15,8,3,9,9,NULL,'tba',NULL,NULL,NULL,0,1,NULL,NULL,0);
INSERT INTO "releases" VALUES(16,0,3,1,1,NULL,'minute','2025-11-26','17:00','America/Los_Angeles',1,0,'2025-11-27T01:00:00','2025-11-27T01:00:00',1);
INSERT INTO "releases" VALUES(16,1,3,2,2,NULL,'tba',NULL,NULL,NULL,0,0,NULL,NULL,0);
INSERT INTO "releases" VALUES(16,2,3,3,3,NULL,'tba',NULL,NULL,NULL,0,0,NULL,NULL,0);
INSERT INTO "releases" VALUES(16,3,3,4,4,NULL,'tba',NULL,NULL,NULL,0,0,NULL,NULL,0);
INSERT INTO "releases" VALUES(16,4,3,5,5,NULL,'tba',NULL,NULL,NULL,0,0,NULL,NULL,0);
INSERT INTO "releases" VALUES(16,5,3,6,6,NULL,'tba',NULL,NULL,NULL,0,0,NULL,NULL,0);
INSERT INTO "releases" VALUES(16,6,3,7,7,NULL,'tba',NULL,NULL,NULL,0,0,NULL,NULL,0);
INSERT INTO "releases" VALUES(16,7,3,8,8,NULL,'tba',NULL,NULL,NULL,0,1,NULL,NULL,0);
INSERT INTO "releases" VALUES(17,0,4,1,13,NULL,'day','2015-04-10',NULL,NULL,1,1,'2015-04-09T10:00:00','2015-04-11T11:59:59',1);
INSERT INTO "releases" VALUES(18,0,4,1,13,NULL,'day','2016-03-18',NULL,NULL,1,1,'2016-03-17T10:00:00','2016-03-19T11:59:59',1);
INSERT INTO "releases" VALUES(19,0,4,1,13,NULL,'day','2018-10-19',NULL,NULL,1,1,'2018-10-18T10:00:00','2018-10-20T11:59:59',1);
INSERT INTO "releases" VALUES(20,0,5,1,8,NULL,'day','2017-08-18',NULL,NULL,1,1,'2017-08-17T10:00:00','2017-08-19T11:59:59',1);
INSERT INTO "releases" VALUES(21,0,6,1,1,NULL,'minute','2023-01-15','21:00','America/New_York',1,0,'2023-01-16T02:00:00','2023-01-16T02:00:00',1);
INSERT INTO "releases" VALUES(21,1,6,2,2,NULL,'minute','2023-01-22','21:00','America/New_York',0,0,'2023-01-23T02:00:00','2023-01-23T02:00:00',1);
INSERT INTO "releases" VALUES(21,2,6,3,3,NULL,'minute','2023-01-29','21:00','America/New_York',0,0,'2023-01-30T02:00:00','2023-01-30T02:00:00',1);
INSERT INTO "releases" VALUES(21,3,6,4,4,NULL,'minute','2023-02-05','21:00','America/New_York',0,0,'2023-02-06T02:00:00','2023-02-06T02:00:00',1);
INSERT INTO "releases" VALUES(21,4,6,5,5,NULL,'minute','2023-02-12','21:00','America/New_York',0,0,'2023-02-13T02:00:00','2023-02-13T02:00:00',1);
INSERT INTO "releases" VALUES(21,5,6,6,6,NULL,'minute','2023-02-19','21:00','America/New_York',0,0,'2023-02-20T02:00:00','2023-02-20T02:00:00',1);
INSERT INTO "releases" VALUES(21,6,6,7,7,NULL,'minute','2023-02-26','21:00','America/New_York',0,0,'2023-02-27T02:00:00','2023-02-27T02:00:00',1);
INSERT INTO "releases" VALUES(21,7,6,8,8,NULL,'minute','2023-03-05','21:00','America/New_York',0,0,'2023-03-06T02:00:00','2023-03-06T02:00:00',1);
INSERT INTO "releases" VALUES(21,8,6,9,9,NULL,'minute','2023-03-12','21:00','America/New_York',0,1,'2023-03-13T01:00:00','2023-03-13T01:00:00',1);
INSERT INTO "releases" VALUES(22,0,6,1,1,NULL,'minute','2025-04-13','21:00','America/New_York',1,0,'2025-04-14T01:00:00','2025-04-14T01:00:00',1);
INSERT INTO "releases" VALUES(22,1,6,2,2,NULL,'minute','2025-04-20','21:00','America/New_York',0,0,'2025-04-21T01:00:00','2025-04-21T01:00:00',1);
INSERT INTO "releases" VALUES(22,2,6,3,3,NULL,'minute','2025-04-27','21:00','America/New_York',0,0,'2025-04-28T01:00:00','2025-04-28T01:00:00',1);
INSERT INTO "releases" VALUES(22,3,6,4,4,NULL,'minute','2025-05-04','21:00','America/New_York',0,0,'2025-05-05T01:00:00','2025-05-05T01:00:00',1);
INSERT INTO "releases" VALUES(22,4,6,5,5,NULL,'minute','2025-05-11','21:00','America/New_York',0,0,'2025-05-12T01:00:00','2025-05-12T01:00:00',1);
INSERT INTO "releases" VALUES(22,5,6,6,6,NULL,'minute','2025-05-18','21:00','America/New_York',0,0,'2025-05-19T01:00:00','2025-05-19T01:00:00',1);
INSERT INTO "releases" VALUES(22,6,6,7,7,NULL,'minute','2025-05-25','21:00','America/New_York',0,1,'2025-05-26T01:00:00','2025-05-26T01:00:00',1);
INSERT INTO "releases" VALUES(23,0,6,NULL,NULL,NULL,'year','2027-01-01',NULL,NULL,1,0,'2026-12-31T10:00:00','2028-01-01T11:59:59',0);
CREATE TABLE "reminders" (
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            season INTEGER NOT NULL,
            episode INTEGER NOT NULL,
            release_at TEXT NOT NULL,
            lead_minutes INTEGER NOT NULL,
            -- '' for a reminder recorded before channels were told apart: it counts as
            -- delivered on every channel, so that no one gets it twice.
            channel TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sent')),
            claimed_at REAL NOT NULL,
            PRIMARY KEY (show_id, season, episode, release_at, lead_minutes, channel)
        ) WITHOUT ROWID
        ;
CREATE TABLE season_skips (
            season_id INTEGER NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            PRIMARY KEY (season_id, day)
        ) WITHOUT ROWID
        ;
CREATE TABLE seasons (
            id INTEGER PRIMARY KEY,
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            number INTEGER NOT NULL CHECK (number >= 0),
            premiere_precision TEXT NOT NULL DEFAULT 'tba',
            premiere_start TEXT,
            finale_precision TEXT NOT NULL DEFAULT 'tba',
            finale_start TEXT,
            episode_count INTEGER CHECK (episode_count >= 0),
            release_pattern TEXT NOT NULL DEFAULT 'unknown'
                CHECK (release_pattern IN ('all-at-once', 'weekly', 'unknown')),
            release_time TEXT,
            release_tz TEXT,
            synopsis TEXT,
            notes TEXT, premiere_episodes INTEGER NOT NULL DEFAULT 1 CHECK (premiere_episodes >= 1), ends_on TEXT, revision INTEGER NOT NULL DEFAULT 0, network TEXT,
            UNIQUE (show_id, number)
        );
INSERT INTO "seasons" VALUES(1,1,1,'day','2015-11-20','day','2015-11-20',13,'all-at-once',NULL,NULL,NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(2,1,2,'day','2018-03-08','day','2018-03-08',13,'all-at-once','00:01','America/Los_Angeles','New York City private investigator Jessica Jones (Krysten Ritter) is beginning to put her life back together after murdering her tormenter, Kilgrave. Now known throughout the city as a super-powered killer, a new case makes her reluctantly confront who she really is while digging deeper into her past to explore the reasons why.','All 13 episodes directed by women',1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(3,1,3,'day','2019-06-14','day','2019-06-14',13,'all-at-once',NULL,NULL,NULL,'The final season',1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(4,2,1,'day','2011-04-17','day','2011-06-19',10,'weekly','21:00','America/New_York',NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(5,2,2,'day','2012-04-01','day','2012-06-03',10,'weekly','21:00','America/New_York',NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(6,2,3,'day','2013-03-31','day','2013-06-09',10,'weekly','21:00','America/New_York',NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(7,2,4,'day','2014-04-06','day','2014-06-15',10,'weekly','21:00','America/New_York',NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(8,2,5,'day','2015-04-12','day','2015-06-14',10,'weekly','21:00','America/New_York',NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(9,2,6,'day','2016-04-24','day','2016-06-26',10,'weekly','21:00','America/New_York',NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(10,2,7,'day','2017-07-16','day','2017-08-27',7,'weekly','21:00','America/New_York',NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(11,2,8,'day','2019-04-14','day','2019-05-19',6,'weekly','21:00','America/New_York',NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(12,3,1,'day','2016-07-15','day','2016-07-15',8,'all-at-once',NULL,NULL,NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(13,3,2,'day','2017-10-27','day','2017-10-27',9,'all-at-once',NULL,NULL,NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(14,3,3,'day','2019-07-04','day','2019-07-04',8,'all-at-once',NULL,NULL,NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(15,3,4,'day','2022-05-27','day','2022-07-01',9,'unknown',NULL,NULL,NULL,'Released in two volumes: episodes 1-7 on May 27, 2022, episodes 8-9 on July 1, 2022',1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(16,3,5,'day','2025-11-26','day','2025-12-31',8,'unknown','17:00','America/Los_Angeles',NULL,'The final season, released in three parts at 5 p.m. PT: Volume 1 (episodes 1-4) on November 26, 2025, Volume 2 (episodes 5-7) on December 25, 2025, the finale (episode 8) on December 31, 2025',1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(17,4,1,'day','2015-04-10','day','2015-04-10',13,'all-at-once',NULL,NULL,NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(18,4,2,'day','2016-03-18','day','2016-03-18',13,'all-at-once',NULL,NULL,NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(19,4,3,'day','2018-10-19','day','2018-10-19',13,'all-at-once',NULL,NULL,NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(20,5,1,'day','2017-08-18','day','2017-08-18',8,'all-at-once',NULL,NULL,NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(21,6,1,'day','2023-01-15','day','2023-03-12',9,'weekly','21:00','America/New_York',NULL,'Episode 5 came out early, on Friday, February 10, 2023 (Super Bowl weekend)',1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(22,6,2,'day','2025-04-13','day','2025-05-25',7,'weekly','21:00','America/New_York',NULL,NULL,1,NULL,0,NULL);
INSERT INTO "seasons" VALUES(23,6,3,'year','2027-01-01','tba',NULL,NULL,'unknown',NULL,NULL,NULL,'Renewed by HBO in April 2025, before season 2 premiered; HBO chief Casey Bloys said in July 2025 that it is planned for 2027. No exact date was known when this sample was compiled.',1,NULL,0,NULL);
CREATE TABLE show_aliases (
            id INTEGER PRIMARY KEY,
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            alias TEXT NOT NULL CHECK (length(trim(alias)) > 0)
        );
INSERT INTO "show_aliases" VALUES(1,1,'Marvel''s Jessica Jones');
INSERT INTO "show_aliases" VALUES(2,4,'Marvel''s Daredevil');
INSERT INTO "show_aliases" VALUES(3,5,'Marvel''s The Defenders');
CREATE TABLE show_links (
            show_id INTEGER PRIMARY KEY REFERENCES shows (id) ON DELETE CASCADE,
            tvmaze_id INTEGER NOT NULL UNIQUE,
            thetvdb_id INTEGER,
            imdb_id TEXT,
            tmdb_id INTEGER,
            url TEXT CHECK (url IS NULL OR url LIKE 'http://%' OR url LIKE 'https://%'),
            official_site TEXT CHECK (official_site IS NULL OR official_site LIKE 'http://%'
                OR official_site LIKE 'https://%'),
            genres TEXT NOT NULL DEFAULT '[]',
            premiered INTEGER,
            updated INTEGER,
            synced_at TEXT
        );
CREATE TABLE shows (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            network TEXT,
            country TEXT,
            status TEXT NOT NULL DEFAULT 'announced' CHECK (status IN
                ('announced', 'in production', 'airing', 'returning', 'ended', 'cancelled')),
            summary TEXT
        , followed INTEGER NOT NULL DEFAULT 1 CHECK (followed IN (0, 1)), entered_by TEXT NOT NULL DEFAULT 'typed' CHECK (entered_by IN ('typed', 'imported')));
INSERT INTO "shows" VALUES(1,'Jessica Jones','Netflix','US','ended','Marvel series on Netflix about Jessica Jones, a former superhero turned private investigator who runs Alias Investigations in Hell''s Kitchen, New York. It ended with its third season in 2019.',1,'typed');
INSERT INTO "shows" VALUES(2,'Game of Thrones','HBO','US','ended','HBO fantasy drama based on George R. R. Martin''s A Song of Ice and Fire novels. Data from TVmaze (https://www.tvmaze.com), CC BY-SA.',1,'typed');
INSERT INTO "shows" VALUES(3,'Stranger Things','Netflix','US','ended','Netflix science-fiction horror series created by Matt and Ross Duffer, set in Hawkins, Indiana in the 1980s. It ended with its fifth season on December 31, 2025.',1,'typed');
INSERT INTO "shows" VALUES(4,'Daredevil','Netflix','US','cancelled','Marvel series on Netflix about Matt Murdock, a blind lawyer in Hell''s Kitchen who fights crime as the vigilante Daredevil. Netflix cancelled it in November 2018, after three seasons.',1,'typed');
INSERT INTO "shows" VALUES(5,'The Defenders','Netflix','US','ended','Marvel miniseries on Netflix that teams up Daredevil, Jessica Jones, Luke Cage and Iron Fist against the Hand in New York.',1,'typed');
INSERT INTO "shows" VALUES(6,'The Last of Us','HBO','US','returning','HBO drama created by Craig Mazin and Neil Druckmann from the Naughty Dog video games, set two decades after a fungal pandemic.',1,'typed');
CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            season_id INTEGER REFERENCES seasons (id) ON DELETE CASCADE,
            url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
            outlet TEXT,
            title TEXT,
            published_precision TEXT NOT NULL DEFAULT 'tba',
            published_start TEXT
        );
INSERT INTO "sources" VALUES(1,1,2,'https://www.dailydot.com/parsec/jessica-jones-season-2-netflix-trailer-release-date-villain/','The Daily Dot','‘Jessica Jones’ offers gritty, intense trailer for season 2','day','2017-03-05');
INSERT INTO "sources" VALUES(2,1,1,'http://www.tvmaze.com/shows/1370/marvels-jessica-jones','TVmaze','Marvel''s Jessica Jones','tba',NULL);
INSERT INTO "sources" VALUES(3,1,3,'http://collider.com/jessica-jones-season-3-premiere-date-teaser-images/','Collider',NULL,'day','2019-05-28');
INSERT INTO "sources" VALUES(4,1,3,'https://www.cheatsheet.com/entertainment/when-is-jessica-jones-season-3-coming-to-netflix.html/',NULL,'When Is ‘Jessica Jones’ Season 3 Coming to Netflix?','tba',NULL);
INSERT INTO "sources" VALUES(5,2,NULL,'http://www.tvmaze.com/shows/82/game-of-thrones','TVmaze','Game of Thrones','tba',NULL);
INSERT INTO "sources" VALUES(6,3,13,'http://variety.com/2017/tv/news/stranger-things-premiere-date-october-27-netflix-1202491839/','Variety','Netflix Sets Oct. 27 Premiere Date for ‘Stranger Things 2’','day','2017-07-11');
INSERT INTO "sources" VALUES(7,3,16,'https://kvia.com/entertainment/cnn-entertainment/2025/05/31/netflix-announces-premiere-dates-plural-for-the-final-season-of-stranger-things/','CNN (via KVIA)',NULL,'day','2025-05-31');
INSERT INTO "sources" VALUES(8,3,16,'https://www.primetimer.com/features/stranger-things-season-5-episode-guide-and-complete-release-schedule-what-days-do-the-new-episodes-drop','Primetimer',NULL,'tba',NULL);
INSERT INTO "sources" VALUES(9,4,18,'https://www.fuse.tv/2016/03/daredevil-season-2-complete-guide','Fuse','The Complete Guide to ''Daredevil'' Season 2','day','2016-03-15');
INSERT INTO "sources" VALUES(10,4,19,'https://www.tomsguide.com/us/daredevil-season-3-release-date-reviews,news-28308.html','Tom''s Guide','Daredevil Season 3: Release date, reviews, trailer and more','tba',NULL);
INSERT INTO "sources" VALUES(11,4,NULL,'https://www.mercurynews.com/2018/11/30/netflix-axes-marvels-daredevil-angry-fans-launch-rescue-mission/','The Mercury News',NULL,'day','2018-11-30');
INSERT INTO "sources" VALUES(12,5,20,'http://www.thisisinsider.com/what-to-know-before-you-watch-the-defenders-2017-8?op=1','Insider',NULL,'day','2017-08-02');
INSERT INTO "sources" VALUES(13,6,23,'https://popculture.com/tv-shows/news/hbo-renews-the-last-of-us-for-season-3/','PopCulture.com',NULL,'day','2025-04-09');
INSERT INTO "sources" VALUES(14,6,23,'https://www.geo.tv/latest/615033-hbo-executive-unveils-release-date-of-the-last-of-us-season-3','Geo News','HBO executive unveils release date of ''The Last of Us'' season 3','tba',NULL);
CREATE TABLE stale_seasons (season_id INTEGER PRIMARY KEY);
CREATE TABLE trailers (
            id INTEGER PRIMARY KEY,
            show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
            season_id INTEGER REFERENCES seasons (id) ON DELETE CASCADE,
            url TEXT CHECK (url IS NULL OR url LIKE 'http://%' OR url LIKE 'https://%'),
            title TEXT,
            kind TEXT NOT NULL DEFAULT 'trailer'
                CHECK (kind IN ('teaser', 'trailer', 'clip', 'featurette')),
            publisher TEXT,
            published_precision TEXT NOT NULL DEFAULT 'tba',
            published_start TEXT,
            note TEXT
        );
INSERT INTO "trailers" VALUES(1,1,2,NULL,NULL,'trailer','Netflix','day','2017-12-09','Set to Heart''s “Barracuda”; released with the announcement of the March 8, 2018 date');
CREATE TABLE watched (
            season_id INTEGER NOT NULL REFERENCES seasons (id) ON DELETE CASCADE,
            episode INTEGER NOT NULL CHECK (episode >= 1),
            PRIMARY KEY (season_id, episode)
        ) WITHOUT ROWID
        ;
CREATE UNIQUE INDEX shows_title ON shows (title COLLATE NOCASE);
CREATE INDEX shows_network ON shows (network COLLATE NOCASE);
CREATE UNIQUE INDEX show_aliases_alias ON show_aliases (alias COLLATE NOCASE);
CREATE INDEX show_aliases_show ON show_aliases (show_id);
CREATE INDEX seasons_premiere ON seasons (premiere_start);
CREATE UNIQUE INDEX people_name ON people (name COLLATE NOCASE);
CREATE UNIQUE INDEX credits_unique ON credits (
            show_id, ifnull(season_id, 0), person_id, role,
            ifnull(character, '') COLLATE NOCASE, ifnull(job, '') COLLATE NOCASE)
        ;
CREATE INDEX credits_person ON credits (person_id);
CREATE INDEX credits_character ON credits (character COLLATE NOCASE);
CREATE INDEX trailers_show ON trailers (show_id, published_start);
CREATE UNIQUE INDEX sources_unique ON sources (show_id, ifnull(season_id, 0), url);
CREATE INDEX releases_by_start ON releases (exact, starts_at);
CREATE INDEX releases_by_end ON releases (exact, ends_at, position);
CREATE VIEW release_rows AS
        SELECT releases.season_id, releases.position, releases.show_id, releases.first_episode,
            releases.last_episode, releases.title AS episode_title, releases.precision,
            releases.start, releases.time, releases.tz, releases.premiere, releases.finale,
            releases.starts_at, releases.ends_at, releases.exact, seasons.number AS season,
            seasons.release_pattern, seasons.release_tz, shows.title AS show,
            coalesce(seasons.network, shows.network) AS network, shows.followed
        FROM releases
        JOIN seasons ON seasons.id = releases.season_id
        JOIN shows ON shows.id = releases.show_id;
CREATE TRIGGER seasons_stale_on_insert AFTER INSERT ON seasons BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.id);
        END;
CREATE TRIGGER seasons_stale_on_update AFTER UPDATE OF premiere_precision,
            premiere_start, finale_precision, finale_start, episode_count, release_pattern,
            release_time, release_tz, premiere_episodes ON seasons BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.id);
        END;
CREATE TRIGGER episodes_stale_on_insert AFTER INSERT ON episodes BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.season_id);
        END;
CREATE TRIGGER episodes_stale_on_update AFTER UPDATE OF season_id, number, title,
            airs_precision, airs_start, airs_time, airs_tz ON episodes BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (OLD.season_id);
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.season_id);
        END;
CREATE TRIGGER episodes_stale_on_delete AFTER DELETE ON episodes BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (OLD.season_id);
        END;
CREATE TRIGGER skips_stale_on_insert AFTER INSERT ON season_skips BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (NEW.season_id);
        END;
CREATE TRIGGER skips_stale_on_delete AFTER DELETE ON season_skips BEGIN
            INSERT OR IGNORE INTO stale_seasons (season_id) VALUES (OLD.season_id);
        END;
CREATE VIEW credit_rows AS
        SELECT credits.id, credits.show_id, credits.season_id, credits.person_id,
            people.name AS person, credits.role, credits.character, credits.job,
            seasons.number AS season, credits.billing, credits.status, credits.arrival,
            credits.note, shows.title AS show_title
        FROM credits
        JOIN people ON people.id = credits.person_id
        JOIN shows ON shows.id = credits.show_id
        LEFT JOIN seasons ON seasons.id = credits.season_id;
COMMIT;
