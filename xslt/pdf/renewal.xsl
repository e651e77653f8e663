<?xml version="1.0" encoding="UTF-8"?>
<!--
  renewal.xsl - 専門医【更新】申請書 as a PDF (ONC-12, seed 003), from the
  model of /application/<kind>/pdf (src/feature/renewal/renewal_pages.c):
    <renewal kind title href final="0|1">
      <application …> (apply.c) </application>
      <facts …/> <seminars><seminar title held-on units/></seminars>
      <member member-no name kana … email work …/> <cert number/>?
    </renewal>
  or a snapshot (an <application> alone: the reviewers' copy).
  Page 1 is the cover (提出書類リスト and the applicant); each document
  follows on its own page.  The draft (申請書(仮), $draft = '1') carries
  「申請未完了」 on every page but the cover (the engine's <mark>) and has
  no seminar page; the final has the seminar page and no mark.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="print.xsl"/>

  <xsl:template name="rt">
    <xsl:param name="k"/>
    <xsl:param name="arg" select="''"/>
    <xsl:call-template name="t">
      <xsl:with-param name="k" select="$k"/>
      <xsl:with-param name="arg" select="$arg"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/">
    <xsl:variable name="a" select="(//application)[1]"/>
    <xsl:variable name="r" select="(//renewal)[1]"/>
    <xsl:variable name="title"><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.pdf.title'"/></xsl:call-template></xsl:variable>
    <print title="{$title} {$a/@number}">
      <xsl:if test="$draft = '1'">
        <mark><xsl:call-template name="rt"><xsl:with-param name="k" select="'pdf.draft'"/></xsl:call-template></mark>
      </xsl:if>
      <!-- The cover. -->
      <space mm="15"/>
      <paragraph align="center" size="12"><xsl:value-of select="$site-name"/></paragraph>
      <title><xsl:value-of select="$title"/></title>
      <space mm="8"/>
      <heading><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.pdf.list'"/></xsl:call-template></heading>
      <xsl:for-each select="$a/section[@name != 'record']">
        <paragraph>・<xsl:call-template name="rt"><xsl:with-param name="k" select="@title"/></xsl:call-template></paragraph>
        <xsl:if test="@name = 'meeting'">
          <paragraph>・<xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.doc.seminar'"/></xsl:call-template></paragraph>
        </xsl:if>
      </xsl:for-each>
      <paragraph>・<xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.doc.record'"/></xsl:call-template></paragraph>
      <paragraph><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.pdf.attach1'"/></xsl:call-template></paragraph>
      <paragraph><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.pdf.attach2'"/></xsl:call-template></paragraph>
      <space mm="8"/>
      <kv>
        <xsl:call-template name="kv-row"><xsl:with-param name="k" select="'renewal.pdf.exam-no'"/><xsl:with-param name="v" select="$r/exam/@number"/></xsl:call-template>
        <xsl:call-template name="kv-row"><xsl:with-param name="k" select="'renewal.pdf.member-no'"/><xsl:with-param name="v" select="$r/member/@member-no"/></xsl:call-template>
        <xsl:call-template name="kv-row"><xsl:with-param name="k" select="'renewal.pdf.applicant'"/><xsl:with-param name="v" select="concat($r/member/@name, substring($a/@uid, 1, 64 * not($r/member/@name)))"/></xsl:call-template>
        <xsl:call-template name="kv-row"><xsl:with-param name="k" select="'renewal.pdf.work'"/><xsl:with-param name="v" select="$r/member/@work"/></xsl:call-template>
        <xsl:call-template name="kv-row"><xsl:with-param name="k" select="'renewal.cert.number'"/><xsl:with-param name="v" select="$r/cert/@number"/></xsl:call-template>
        <xsl:call-template name="kv-row"><xsl:with-param name="k" select="'renewal.pdf.email'"/><xsl:with-param name="v" select="$r/member/@email"/></xsl:call-template>
      </kv>
      <xsl:if test="$draft = '1'">
        <space mm="8"/>
        <paragraph align="center" size="11" weight="bold"><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.pdf.not-accepted'"/></xsl:call-template></paragraph>
      </xsl:if>

      <!-- 履歴書 -->
      <xsl:call-template name="doc-head"><xsl:with-param name="k" select="'renewal.doc.resume'"/></xsl:call-template>
      <kv>
        <xsl:call-template name="kv-row"><xsl:with-param name="k" select="'renewal.pdf.kana'"/><xsl:with-param name="v" select="$r/member/@kana"/></xsl:call-template>
        <xsl:call-template name="kv-row"><xsl:with-param name="k" select="'renewal.pdf.applicant'"/><xsl:with-param name="v" select="$r/member/@name"/></xsl:call-template>
        <xsl:call-template name="kv-row"><xsl:with-param name="k" select="'renewal.pdf.birth'"/><xsl:with-param name="v" select="translate($r/member/@birth-date, '-', '/')"/></xsl:call-template>
        <xsl:call-template name="kv-row"><xsl:with-param name="k" select="'renewal.pdf.work'"/><xsl:with-param name="v" select="concat($r/member/@work, ' ', $r/member/@dept)"/></xsl:call-template>
        <xsl:call-template name="kv-row"><xsl:with-param name="k" select="'renewal.pdf.regno'"/><xsl:with-param name="v" select="concat($r/member/@regno, ' (', translate($r/member/@regno-date, '-', '/'), ')')"/></xsl:call-template>
        <xsl:call-template name="kv-row"><xsl:with-param name="k" select="'renewal.pdf.specialty'"/><xsl:with-param name="v" select="$r/member/@specialty"/></xsl:call-template>
        <xsl:call-template name="kv-row"><xsl:with-param name="k" select="'renewal.pdf.joined'"/><xsl:with-param name="v" select="translate($r/member/@joined-on, '-', '/')"/></xsl:call-template>
        <xsl:for-each select="$a/section[@name = 'resume']/row[1]/value">
          <row><k><xsl:call-template name="rt"><xsl:with-param name="k" select="@key"/></xsl:call-template></k>
            <v><xsl:apply-templates select="." mode="print"/></v></row>
        </xsl:for-each>
      </kv>

      <!-- プロフィール -->
      <xsl:call-template name="doc-head"><xsl:with-param name="k" select="'renewal.doc.profile'"/></xsl:call-template>
      <paragraph><xsl:value-of select="$a/section[@name = 'profile']/row[1]/value[@name = 'text']"/></paragraph>

      <!-- 研究活動歴 -->
      <xsl:call-template name="doc-head"><xsl:with-param name="k" select="'renewal.doc.activity'"/></xsl:call-template>
      <xsl:apply-templates select="$a/section[@name = 'activity']" mode="rows"/>
      <xsl:if test="$r/facts">
        <paragraph><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.activity.years'"/><xsl:with-param name="arg" select="$r/facts/@years"/></xsl:call-template></paragraph>
      </xsl:if>

      <!-- 研究業績 学会参加 -->
      <xsl:call-template name="doc-head"><xsl:with-param name="k" select="'renewal.doc.meeting'"/></xsl:call-template>
      <xsl:apply-templates select="$a/section[@name = 'meeting']" mode="rows"/>
      <paragraph><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.pdf.total'"/></xsl:call-template>: <xsl:value-of select="sum($a/section[@name = 'meeting']/row[@valid = '1']/value[@name = 'units'])"/></paragraph>

      <!-- 研究業績 当会セミナー: only in the completed application. -->
      <xsl:if test="$draft != '1' and $r">
        <xsl:call-template name="doc-head"><xsl:with-param name="k" select="'renewal.doc.seminar'"/></xsl:call-template>
        <paragraph><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.seminar.window'"/><xsl:with-param name="arg" select="concat(translate($r/facts/@from, '-', '/'), ' ~ ', translate($r/facts/@to, '-', '/'))"/></xsl:call-template></paragraph>
        <table widths="6 3 1">
          <head><row>
            <c><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.col.seminar'"/></xsl:call-template></c>
            <c><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.col.held'"/></xsl:call-template></c>
            <c><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.col.units'"/></xsl:call-template></c>
          </row></head>
          <xsl:for-each select="$r/seminars/seminar">
            <row><c><xsl:value-of select="@title"/></c><c><xsl:value-of select="translate(@held-on, '-', '/')"/></c><c><xsl:value-of select="@units"/></c></row>
          </xsl:for-each>
        </table>
        <paragraph><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.seminar.total'"/><xsl:with-param name="arg" select="$r/facts/@seminar"/></xsl:call-template></paragraph>
      </xsl:if>

      <!-- 研究業績 論文 -->
      <xsl:call-template name="doc-head"><xsl:with-param name="k" select="'renewal.doc.paper'"/></xsl:call-template>
      <xsl:apply-templates select="$a/section[@name = 'paper']" mode="rows"/>
      <paragraph><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.pdf.total'"/></xsl:call-template>: <xsl:value-of select="sum($a/section[@name = 'paper']/row[@valid = '1']/value[@name = 'units'])"/></paragraph>

      <!-- 業績目録 -->
      <xsl:call-template name="doc-head"><xsl:with-param name="k" select="'renewal.doc.record'"/></xsl:call-template>
      <xsl:variable name="rec" select="$a/section[@name = 'record']/row[1]"/>
      <xsl:call-template name="grid"><xsl:with-param name="rec" select="$rec"/><xsl:with-param name="g" select="'s'"/></xsl:call-template>
      <xsl:call-template name="grid"><xsl:with-param name="rec" select="$rec"/><xsl:with-param name="g" select="'d'"/></xsl:call-template>
      <xsl:call-template name="grid"><xsl:with-param name="rec" select="$rec"/><xsl:with-param name="g" select="'k'"/></xsl:call-template>
      <kv>
        <xsl:for-each select="$rec/value[string-length(@name) &gt; 4 and (@name = 'special' or @name = 'special_detail' or @name = 'second' or . != '')]">
          <row><k><xsl:call-template name="rt"><xsl:with-param name="k" select="@key"/></xsl:call-template></k>
            <v><xsl:apply-templates select="." mode="print"/></v></row>
        </xsl:for-each>
      </kv>
    </print>
  </xsl:template>

  <xsl:template name="doc-head">
    <xsl:param name="k"/>
    <pagebreak/>
    <heading><xsl:call-template name="rt"><xsl:with-param name="k" select="$k"/></xsl:call-template></heading>
  </xsl:template>

  <!-- One grid of 業績目録: the areas ticked, with their patients. -->
  <xsl:template name="grid">
    <xsl:param name="rec"/>
    <xsl:param name="g"/>
    <paragraph weight="bold"><xsl:call-template name="rt"><xsl:with-param name="k" select="concat('renewal.grid.', $g)"/></xsl:call-template></paragraph>
    <paragraph>
      <xsl:for-each select="$rec/value[starts-with(@name, $g) and string-length(@name) = 3 and . = '1']">
        <xsl:variable name="n" select="$rec/value[@name = concat(current()/@name, 'n')]"/>
        <xsl:call-template name="rt"><xsl:with-param name="k" select="@key"/></xsl:call-template>
        <xsl:if test="$n != ''"><xsl:value-of select="concat(' (', $n, ')')"/></xsl:if>
        <xsl:if test="position() != last()"><xsl:text>　</xsl:text></xsl:if>
      </xsl:for-each>
    </paragraph>
  </xsl:template>

  <xsl:template match="value" mode="print">
    <xsl:choose>
      <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
      <xsl:when test="@value-key"><xsl:call-template name="rt"><xsl:with-param name="k" select="@value-key"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Rows as a table: No, then the fields. -->
  <xsl:template match="section" mode="rows">
    <xsl:choose>
      <xsl:when test="not(row)">
        <paragraph><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.no-data'"/></xsl:call-template></paragraph>
      </xsl:when>
      <xsl:otherwise>
        <table>
          <xsl:attribute name="widths">1<xsl:for-each select="row[1]/value"> 3</xsl:for-each></xsl:attribute>
          <head><row>
            <c><xsl:call-template name="rt"><xsl:with-param name="k" select="'renewal.col.no'"/></xsl:call-template></c>
            <xsl:for-each select="row[1]/value"><c><xsl:call-template name="rt"><xsl:with-param name="k" select="@key"/></xsl:call-template></c></xsl:for-each>
          </row></head>
          <xsl:for-each select="row">
            <row>
              <c><xsl:value-of select="position()"/></c>
              <xsl:for-each select="value"><c><xsl:apply-templates select="." mode="print"/></c></xsl:for-each>
            </row>
          </xsl:for-each>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
