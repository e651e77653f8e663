<?xml version="1.0" encoding="UTF-8"?>
<!--
  import.xsl — the platform's CSV import page (src/apply/import.c), the
  same for every product that mounts it: the columns the file needs, the
  upload (a dry run first), the report (rows, tallies, the first rows,
  errors as file:line:column) and, after a clean dry run, the commit of
  the same file.  Messages are import.* (xslt/i18n/ja-import.xml).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="page[@name = 'import']" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="content/import/@title"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="im-csrf">
    <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
  </xsl:template>

  <!-- A column's header as the file should have it, in the page's language. -->
  <xsl:template name="im-col-name">
    <xsl:param name="col"/>
    <xsl:choose>
      <xsl:when test="/page/@lang = 'en'"><xsl:value-of select="$col/@en"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$col/@ja"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@name = 'import']" mode="content">
    <xsl:variable name="im" select="content/import"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:if test="$im/@back">
      <p><a href="{$im/@back}"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.back'"/></xsl:call-template></a></p>
    </xsl:if>
    <xsl:if test="$im/@done">
      <p class="import-done" data-rows="{$im/@done}">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'import.done.rows'"/><xsl:with-param name="arg" select="$im/@done"/></xsl:call-template>
      </p>
    </xsl:if>
    <xsl:if test="$im/@help">
      <p><xsl:call-template name="t"><xsl:with-param name="k" select="$im/@help"/></xsl:call-template></p>
    </xsl:if>
    <p class="lead">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'import.intro'"/><xsl:with-param name="arg" select="$im/@max-rows"/></xsl:call-template>
    </p>
    <div class="table-wrap">
      <table class="data import-cols">
        <caption><xsl:call-template name="t"><xsl:with-param name="k" select="'import.cols'"/></xsl:call-template></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.col.ja'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.col.en'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.col.required'"/></xsl:call-template></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$im/col">
            <tr>
              <td><xsl:value-of select="@ja"/></td>
              <td><code><xsl:value-of select="@en"/></code></td>
              <td>
                <xsl:if test="@required">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="'import.required'"/></xsl:call-template>
                </xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <p><a href="{$im/@action}?sample=1" download=""><xsl:call-template name="t"><xsl:with-param name="k" select="'import.sample'"/></xsl:call-template></a></p>

    <xsl:if test="$im/report">
      <xsl:variable name="rep" select="$im/report"/>
      <section class="report" aria-labelledby="report-h" data-step="{$rep/@step}">
        <h2 id="report-h">
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('import.report.', $rep/@step)"/></xsl:call-template>
        </h2>
        <p class="report-summary">
          <span class="report-rows" data-n="{$rep/@rows}"><xsl:call-template name="t"><xsl:with-param name="k" select="substring('import.report.rowsimport.report.good', 1 + 18 * ($rep/@errors &gt; 0), 18)"/><xsl:with-param name="arg" select="$rep/@rows"/></xsl:call-template></span>
          <xsl:text> </xsl:text>
          <span class="report-errors" data-n="{$rep/@errors}"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.report.errors'"/><xsl:with-param name="arg" select="$rep/@errors"/></xsl:call-template></span>
        </p>
        <xsl:if test="$rep/tally">
          <ul class="import-tallies">
            <xsl:for-each select="$rep/tally">
              <li data-key="{@key}"><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template><xsl:text>: </xsl:text><xsl:value-of select="@n"/></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
        <xsl:if test="$rep/error">
          <xsl:if test="$rep/@errors &gt; $rep/@listed">
            <p><xsl:call-template name="t"><xsl:with-param name="k" select="'import.report.listed'"/><xsl:with-param name="arg" select="$rep/@listed"/></xsl:call-template></p>
          </xsl:if>
          <ul class="import-errors">
            <xsl:for-each select="$rep/error">
              <li><code class="where"><xsl:value-of select="concat(@file, ':', @line, ':', @column)"/></code>
                <xsl:text> </xsl:text>
                <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
                <xsl:if test="@value"><xsl:text>「</xsl:text><xsl:value-of select="@value"/><xsl:text>」</xsl:text></xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
        <xsl:if test="$rep/row and not($rep/error)">
          <div class="table-wrap">
            <table class="data import-rows">
              <caption><xsl:call-template name="t"><xsl:with-param name="k" select="'import.report.preview'"/><xsl:with-param name="arg" select="count($rep/row)"/></xsl:call-template></caption>
              <thead>
                <tr>
                  <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.col.line'"/></xsl:call-template></th>
                  <xsl:for-each select="$im/col">
                    <th scope="col"><xsl:call-template name="im-col-name"><xsl:with-param name="col" select="."/></xsl:call-template></th>
                  </xsl:for-each>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="$rep/row">
                  <tr>
                    <td class="num"><xsl:value-of select="@line"/></td>
                    <xsl:for-each select="cell"><td><xsl:value-of select="."/></td></xsl:for-each>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:if>
        <xsl:if test="$im/commit[@data]">
          <form method="post" action="{$im/@action}">
            <xsl:call-template name="im-csrf"/>
            <input type="hidden" name="step" value="commit"/>
            <input type="hidden" name="filename" value="{$im/commit/@filename}"/>
            <input type="hidden" name="data" value="{$im/commit/@data}"/>
            <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.btn.commit'"/></xsl:call-template></button>
          </form>
        </xsl:if>
        <xsl:if test="$im/commit[@upload]">
          <form method="post" action="{$im/@action}" enctype="multipart/form-data">
            <xsl:call-template name="im-csrf"/>
            <input type="hidden" name="step" value="commit"/>
            <label for="import-file-commit"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.field.file-again'"/></xsl:call-template></label>
            <input type="file" id="import-file-commit" name="file" accept=".csv,text/csv" required="required"/>
            <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.btn.commit'"/></xsl:call-template></button>
          </form>
        </xsl:if>
      </section>
    </xsl:if>

    <form method="post" action="{$im/@action}" enctype="multipart/form-data">
      <xsl:call-template name="im-csrf"/>
      <input type="hidden" name="step" value="check"/>
      <label for="import-file"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.field.file'"/></xsl:call-template></label>
      <input type="file" id="import-file" name="file" accept=".csv,text/csv" required="required"/>
      <div class="actions">
        <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'import.btn.check'"/></xsl:call-template></button>
      </div>
    </form>
  </xsl:template>

</xsl:stylesheet>
