<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>FolderWatcher</name>
    <message numerus="yes">
        <source>Watched folders: %n new image(s) ({labelled} labelled)</source>
        <translation>
            <numerusform>Watched folders: %n new image ({labelled} labelled)</numerusform>
            <numerusform>Watched folders: %n new images ({labelled} labelled)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not imported as they are, e.g. {path}: {reason} (Settings → Watched Folders lists them)</source>
        <translation>
            <numerusform>%n file not imported as it is, e.g. {path}: {reason} (Settings → Watched Folders lists it)</numerusform>
            <numerusform>%n files not imported as they are, e.g. {path}: {reason} (Settings → Watched Folders lists them)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>Added %n image(s)</source>
        <translation>
            <numerusform>Added %n image</numerusform>
            <numerusform>Added %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the library</source>
        <translation>
            <numerusform>%n already in the library</numerusform>
            <numerusform>%n already in the library</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n labelled from folder names ({tagged} from XMP or caption tags)</source>
        <translation>
            <numerusform>%n labelled from folder names ({tagged} from XMP or caption tags)</numerusform>
            <numerusform>%n labelled from folder names ({tagged} from XMP or caption tags)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n labelled from folder names</source>
        <translation>
            <numerusform>%n labelled from folder names</numerusform>
            <numerusform>%n labelled from folder names</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n moved file(s) found again</source>
        <translation>
            <numerusform>%n moved file found again</numerusform>
            <numerusform>%n moved files found again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{summary} %n file(s) skipped:</source>
        <translation>
            <numerusform>{summary} %n file skipped:</numerusform>
            <numerusform>{summary} %n files skipped:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n item(s)</source>
        <translation>
            <numerusform>Importing %n item</numerusform>
            <numerusform>Importing %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n item(s)</source>
        <translation>
            <numerusform>Imported %n item</numerusform>
            <numerusform>Imported %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Library: {path}  ·  %n image(s)</source>
        <translation>
            <numerusform>Library: {path}  ·  %n image</numerusform>
            <numerusform>Library: {path}  ·  %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n label(s) of {characters} characters to {folder}</source>
        <translation>
            <numerusform>Wrote %n label of {characters} characters to {folder}</numerusform>
            <numerusform>Wrote %n labels of {characters} characters to {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n image(s) ({unchanged} were already there) into {characters} folders in {folder}.</source>
        <translation>
            <numerusform>Copied %n image ({unchanged} were already there) into {characters} folders in {folder}.</numerusform>
            <numerusform>Copied %n images ({unchanged} were already there) into {characters} folders in {folder}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message numerus="yes">
        <source>Labelling %n image(s) as {character}</source>
        <translation>
            <numerusform>Labelling %n image as {character}</numerusform>
            <numerusform>Labelling %n images as {character}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removing {character} from %n image(s)</source>
        <translation>
            <numerusform>Removing {character} from %n image</numerusform>
            <numerusform>Removing {character} from %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding {character} to %n image(s)</source>
        <translation>
            <numerusform>Adding {character} to %n image</numerusform>
            <numerusform>Adding {character} to %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removing %n label(s)</source>
        <translation>
            <numerusform>Removing %n label</numerusform>
            <numerusform>Removing %n labels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labelling %n image(s)</source>
        <translation>
            <numerusform>Labelling %n image</numerusform>
            <numerusform>Labelling %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Setting attributes of %n image(s)</source>
        <translation>
            <numerusform>Setting attributes of %n image</numerusform>
            <numerusform>Setting attributes of %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged {source} into {target} (%n image(s))</source>
        <translation>
            <numerusform>Merged {source} into {target} (%n image)</numerusform>
            <numerusform>Merged {source} into {target} (%n images)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted {name}; %n image(s) are unlabelled now</source>
        <translation>
            <numerusform>Deleted {name}; %n image is unlabelled now</numerusform>
            <numerusform>Deleted {name}; %n images are unlabelled now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected %n suggestion(s)</source>
        <translation>
            <numerusform>Rejected %n suggestion</numerusform>
            <numerusform>Rejected %n suggestions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WatchedFoldersDialog</name>
    <message numerus="yes">
        <source>Files not imported as they are (%n)</source>
        <translation>
            <numerusform>File not imported as it is (%n)</numerusform>
            <numerusform>Files not imported as they are (%n)</numerusform>
        </translation>
    </message>
</context>
</TS>
